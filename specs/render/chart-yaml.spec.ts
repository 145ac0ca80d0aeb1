import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yamlSyntaxError } from '../../src/manifests/yaml.js';
import { readChartYaml, readYamlMap } from '../../src/render/chart-yaml.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hct-chart-yaml-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function chartDir(name: string, chartYaml: string): Promise<string> {
  const d = path.join(dir, name);
  await rm(d, { recursive: true, force: true });
  await mkdir(d);
  await writeFile(path.join(d, 'Chart.yaml'), chartYaml);
  return d;
}

describe('readChartYaml', () => {
  it('parses a Chart.yaml mapping', async () => {
    expect(await readChartYaml(await chartDir('web', 'apiVersion: v2\nname: web\nversion: 1.2.3\n'))).toEqual({
      status: 'ok',
      map: { apiVersion: 'v2', name: 'web', version: '1.2.3' },
    });
  });

  it('reads the file again when it changes (the memo is keyed by size and mtime)', async () => {
    const d = await chartDir('bumped', 'name: web\nversion: 1.2.3\n');
    expect(await readChartYaml(d)).toEqual({ status: 'ok', map: { name: 'web', version: '1.2.3' } });
    await writeFile(path.join(d, 'Chart.yaml'), 'name: web\nversion: 1.2.40\n');
    expect(await readChartYaml(d)).toEqual({ status: 'ok', map: { name: 'web', version: '1.2.40' } });
  });

  it('a missing file is missing; broken YAML is invalid with the line of its first error; a list is no mapping', async () => {
    expect(await readChartYaml(path.join(dir, 'nowhere'))).toEqual({ status: 'missing' });
    const broken = await readChartYaml(await chartDir('broken', 'name: web\nversion: 1.0.0\nname: twice\n'));
    expect(broken.status === 'invalid' && [broken.error.message, broken.lineCounter.linePos(broken.error.pos[0]).line]).toEqual(['Map keys must be unique', 3]);
    expect(await readChartYaml(await chartDir('list', '- a\n- b\n'))).toEqual({ status: 'ok', map: undefined });
  });
});

describe('bounded reading (src/manifests/yaml.ts)', () => {
  /** Eight levels of ten aliases each: 10^8 nodes once expanded (billion laughs). */
  const levels = Array.from(
    { length: 8 },
    (_, i) =>
      `  l${i}: &a${i} [${Array(10)
        .fill(i === 0 ? 'x' : `*a${i - 1}`)
        .join(', ')}]`,
  );

  it('an alias bomb is invalid, one plain line naming the file once formatted', async () => {
    const read = await readChartYaml(
      await chartDir('bomb', ['apiVersion: v2', 'name: web', 'version: 1.0.0', 'annotations:', ...levels, '  boom: *a7', ''].join('\n')),
    );
    if (read.status !== 'invalid') throw new Error(`expected invalid, got ${read.status}`);
    expect(yamlSyntaxError('charts/web/Chart.yaml', read.error, read.lineCounter).message).toBe(
      'charts/web/Chart.yaml:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    );
  });

  it('a non-UTF-8 file is unreadable, the byte and its offset named', async () => {
    const d = await chartDir('latin1', 'name: caf');
    await writeFile(path.join(d, 'Chart.yaml'), Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(await readChartYaml(d)).toEqual({ status: 'unreadable', reason: 'not UTF-8: invalid byte 0xe9 at byte offset 9' });
  });

  it('no false alarm: anchors and a few aliases read', async () => {
    expect(await readChartYaml(await chartDir('anchors', 'name: web\nversion: &v 1.0.0\nappVersion: *v\n'))).toEqual({
      status: 'ok',
      map: { name: 'web', version: '1.0.0', appVersion: '1.0.0' },
    });
  });
});

describe('readYamlMap', () => {
  it('the mapping, or undefined when absent, broken or not a mapping', async () => {
    const d = await chartDir('values', 'replicas: 2\n');
    expect(await readYamlMap(path.join(d, 'Chart.yaml'))).toEqual({ replicas: 2 });
    expect(await readYamlMap(path.join(d, 'absent.yaml'))).toBeUndefined();
    expect(await readYamlMap(path.join(await chartDir('bad', 'a: [\n'), 'Chart.yaml'))).toBeUndefined();
  });
});
