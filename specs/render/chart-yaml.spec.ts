import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('readYamlMap', () => {
  it('the mapping, or undefined when absent, broken or not a mapping', async () => {
    const d = await chartDir('values', 'replicas: 2\n');
    expect(await readYamlMap(path.join(d, 'Chart.yaml'))).toEqual({ replicas: 2 });
    expect(await readYamlMap(path.join(d, 'absent.yaml'))).toBeUndefined();
    expect(await readYamlMap(path.join(await chartDir('bad', 'a: [\n'), 'Chart.yaml'))).toBeUndefined();
  });
});
