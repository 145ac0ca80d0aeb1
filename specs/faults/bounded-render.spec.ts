// Issue 17, items 7–9: rendered output and config files are parsed in time linear in their size, and output
// beyond the configured cap is refused before parsing, naming chart, cell and renderer.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfigDocument } from '../../src/config/document.js';
import { RenderError } from '../../src/errors.js';
import { parseManifests } from '../../src/manifests/parse.js';
import { helmTemplate } from '../../src/render/helm.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { fakeBin, withFake } from '../support/fake-tools.js';
import { bigConfigMap } from '../support/fixtures/big-render.js';
import { STACK, useWorkDir } from './support/cli.js';

const workDir = useWorkDir('bounded-render');
let tools: Tools;
beforeAll(async () => {
  tools = await resolveTools();
});

/** Fastest of `n` parses (ms): the least disturbed by other work on the machine. */
function fastestParse(text: string, n = 2): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    parseManifests(text, { releaseNamespace: 'default', defaultSource: 'big' });
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('item 8: parsing a render is linear in its size', () => {
  it('a ConfigMap with 4× the keys parses in well under 8× the time (quadratic was 16×)', () => {
    fastestParse(bigConfigMap(2_000)); // warm up the parser
    const small = fastestParse(bigConfigMap(5_000));
    const large = fastestParse(bigConfigMap(20_000));
    expect(large / small).toBeLessThan(8);
  }, 120_000);

  it('duplicate keys are still refused, at their line', () => {
    const text = '---\n# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n';
    expect(() => parseManifests(text, { releaseNamespace: 'd', defaultSource: 'c' })).toThrow(
      'rendered output is not valid YAML: c/templates/cm.yaml line 5: Map keys must be unique',
    );
  });
});

describe('item 7: reading a config file is linear in its size', () => {
  it('a map with 4× the keys reads in well under 8× the time (quadratic was 16×)', async () => {
    const file = async (keys: number) => {
      const f = path.join(workDir(), `keys-${keys}.yaml`);
      await writeFile(f, `x:\n${Array.from({ length: keys }, (_, i) => `  key${i}: value-${i}`).join('\n')}\n`);
      return f;
    };
    const fastest = async (f: string) => {
      let best = Infinity;
      for (let i = 0; i < 2; i++) {
        const t = performance.now();
        await readConfigDocument(f, 'suite.yaml');
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    await fastest(await file(2_000)); // warm up
    const small = await fastest(await file(5_000));
    const large = await fastest(await file(20_000));
    expect(large / small).toBeLessThan(8);
  }, 120_000);
});

describe('item 9: render output above the cap', () => {
  it('is refused before parsing: one message naming chart, cell and renderer, no stack', async () => {
    // 3 MB of valid documents against a 1 MB cap.
    const fake = await fakeBin(
      [
        `x=$(printf '%100000s' '' | tr ' ' a)`,
        `for i in $(seq 1 30); do printf -- '---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: cm-%s\\ndata:\\n  x: %s\\n' "$i" "$x"; done`,
      ].join('\n'),
    );
    const dir = path.join(workDir(), 'chart');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
    try {
      const err = await helmTemplate(
        {
          chart: 'big',
          cell: 'defaults',
          renderer: 'helm4',
          chartDir: dir,
          releaseName: 'r',
          namespace: 'ns',
          kubeVersion: '1.31.0',
          timeoutMs: 30_000,
          maxOutputBytes: 1024 * 1024,
        },
        withFake(tools, 'helm4', fake.path),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderError);
      const message = (err as RenderError).message;
      expect(message.split('\n')[0]).toBe('rendered output too large: chart big, cell defaults, renderer helm4');
      expect(message).toContain(
        '  rendered output is larger than 1 MB: refused before parsing (it would take gigabytes of memory)\n' +
          '  fix: if the chart really renders this much, raise defaults.maxRenderBytes in the suite config',
      );
      expect(message).not.toMatch(STACK);
    } finally {
      await fake.cleanup();
    }
  });
});
