// Issue 14: the clusters form of bootstrapKit in suite.yaml (schema and semantics), with
// exact messages, and the form that must load (and what it loads as).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuiteConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

let tmp: string;
let seq = 0;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'config-kit-clusters-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const SUITE = `bootstrapKit:
  clusters:
    staging: { path: clusters/staging, variablesFile: ../vars/staging.yaml }
    production: { path: clusters/production }
  sources:
    - { kind: OCIRepository, name: platform, path: platform }
charts:
  - id: web
    name: web
    path: charts/web
    releases: [web-frontend]
    matrix:
      axes:
        cluster:
          staging: { kitValues: staging }
          production: { kitValues: production }
`;

async function load(text: string) {
  const top = path.join(tmp, `t-${++seq}`);
  const root = path.join(top, 'repo');
  for (const dir of ['charts/web', 'clusters/staging', 'clusters/production', 'platform', 'kit']) await mkdir(path.join(root, dir), { recursive: true });
  await mkdir(path.join(top, 'vars'), { recursive: true });
  await writeFile(path.join(top, 'vars/staging.yaml'), 'region: eu\n');
  await writeFile(path.join(root, 'suite.yaml'), text);
  return { root, load: loadSuiteConfig({ root }) };
}

describe('bootstrapKit.clusters', () => {
  it('loads: clusters by name, sources with the default namespace, releases, kitValues naming a cluster', async () => {
    const { load: config } = await load(SUITE);
    const c = await config;
    expect(c.bootstrapKit).toEqual({
      clusters: { staging: { path: 'clusters/staging', variablesFile: '../vars/staging.yaml' }, production: { path: 'clusters/production' } },
      sources: [{ kind: 'OCIRepository', namespace: 'flux-system', name: 'platform', path: 'platform' }],
      strict: false,
      secretVariables: [],
    });
    expect(c.charts[0].releases).toEqual(['web-frontend']);
    expect(c.charts[0].matrix.axes.cluster.staging).toEqual({ kitValues: 'staging' });
  });

  it.each<[string, string, string, number, string]>([
    [
      'path beside clusters',
      'bootstrapKit:\n',
      'bootstrapKit:\n  path: kit\n',
      2,
      'bootstrapKit.path cannot be used with clusters (each cluster names its own path and variablesFile)',
    ],
    ['neither path nor clusters', / {2}clusters:\n.*\n.*\n/.source, '', 2, 'bootstrapKit.path is required (or bootstrapKit.clusters)'],
    [
      'a cluster without path',
      '    production: { path: clusters/production }\n',
      '    production: {}\n',
      4,
      'bootstrapKit.clusters.production.path is required',
    ],
    [
      'a bad cluster name',
      '    production:',
      '    prod.eu:',
      4,
      `bootstrapKit.clusters["prod.eu"] must be a name starting with a letter, of letters, digits, '-' and '_', got prod.eu`,
    ],
    [
      'a cluster folder that is not there',
      'path: clusters/production',
      'path: clusters/prod',
      4,
      'bootstrapKit.clusters.production.path clusters/prod: no such directory under <root>',
    ],
    [
      'a cluster variables file that is not there',
      '../vars/staging.yaml',
      '../vars/nope.yaml',
      3,
      'bootstrapKit.clusters.staging.variablesFile ../vars/nope.yaml: no such file under <root>',
    ],
    [
      'a source without name',
      '{ kind: OCIRepository, name: platform, path: platform }',
      '{ kind: OCIRepository, path: platform }',
      6,
      'bootstrapKit.sources[0].name is required',
    ],
    [
      'kitValues naming no cluster',
      'production: { kitValues: production }',
      'production: { kitValues: prod }',
      16,
      'charts[0].matrix.axes.cluster.production.kitValues prod is not a cluster of bootstrapKit.clusters (known: staging, production)',
    ],
  ])('error: %s', async (_title, from, to, line, message) => {
    const text = from.includes('\\n') || from.includes('.*') ? SUITE.replace(new RegExp(from), to) : SUITE.replace(from, to);
    expect(text).not.toBe(SUITE);
    const { root, load: config } = await load(text);
    const err = await config.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(`suite.yaml:${line}: ${message.replace('<root>', root)}`);
  });

  it('kitValues naming a cluster in the single-folder form says there are no clusters', async () => {
    const text = SUITE.replace(/ {2}clusters:\n.*\n.*\n {2}sources:\n.*\n/, '  path: kit\n');
    const { load: config } = await load(text);
    await expect(config).rejects.toThrow(
      'suite.yaml:11: charts[0].matrix.axes.cluster.staging.kitValues staging is not a cluster of bootstrapKit.clusters (bootstrapKit has no clusters; use kitValues: true)',
    );
  });
});
