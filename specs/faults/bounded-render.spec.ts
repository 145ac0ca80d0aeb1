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
import { helmRequest } from '../support/fixture-charts.js';
import { bigConfigMap } from '../support/fixtures/big-render.js';
import { STACK, useWorkDir } from './support/cli.js';

const workDir = useWorkDir('bounded-render');
let tools: Tools;
beforeAll(async () => {
  tools = await resolveTools();
});

// Linearity itself is a figure of the bench (`npm run bench -- --only parse`: ms per MB at 1 MB and 10 MB),
// not a timed assertion here: timings on a shared 2-core machine make flaky tests.
describe('item 8: parsing a large render', () => {
  it('a ConfigMap with 20,000 keys parses whole, every key kept', () => {
    const [cm] = parseManifests(bigConfigMap(20_000), { releaseNamespace: 'default', defaultSource: 'big' });
    expect(Object.keys((cm!.object as unknown as { data: Record<string, string> }).data)).toHaveLength(20_000);
  });

  it('duplicate keys are still refused, at their line', () => {
    const text = '---\n# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n';
    expect(() => parseManifests(text, { releaseNamespace: 'd', defaultSource: 'c' })).toThrow(
      'rendered output is not valid YAML: c/templates/cm.yaml line 5: Map keys must be unique',
    );
  });
});

describe('item 7: reading a large config file', () => {
  it('a map with 20,000 keys reads whole (time per MB is in the bench, not asserted here)', async () => {
    const f = path.join(workDir(), 'keys-20000.yaml');
    await writeFile(f, `x:\n${Array.from({ length: 20_000 }, (_, i) => `  key${i}: value-${i}`).join('\n')}\n`);
    const doc = await readConfigDocument(f, 'suite.yaml');
    expect(Object.keys((doc.data as { x: Record<string, string> }).x)).toHaveLength(20_000);
  });
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
        helmRequest(dir, { chart: 'big', releaseName: 'r', kubeVersion: '1.31.0', timeoutMs: 30_000, maxOutputBytes: 1024 * 1024 }),
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
