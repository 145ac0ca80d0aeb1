// Installable elsewhere: `npm pack` gives a tarball that installs into another project offline
// (from the npm cache, as `npm ci` left it), and its bin checks that project's charts.
// The other project has a lockfile (as a real one does): npm then needs no registry metadata,
// only the cached tarballs this checkout's own `npm ci` used.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../support/bin.js';

interface LockPackage {
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}
interface Lock {
  packages: Record<string, LockPackage>;
}

let tmp = '';
let proj = '';
let tarball = '';
/** npm and the CLI without this checkout's suite, cache or tool variables. */
const CLEARED = ['CHARTS_ROOT', 'SUITE_CONFIG', 'HCT_CACHE_DIR', 'HCT_RUN_DIR', 'HELM_BIN', 'HELM3_BIN', 'KUBECTL_BIN'];
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CLEARED.includes(k))) as Record<string, string>;
const OPTS = { env: ENV, extendEnv: false } as const;

/** The other project's lockfile: the tarball and every runtime package of this checkout's lock. */
async function lockFor(name: string, file: string): Promise<Lock & Record<string, unknown>> {
  const own = JSON.parse(await readFile(path.join(PROJECT, 'package-lock.json'), 'utf8')) as Lock;
  const root = own.packages[''];
  const packages: Record<string, LockPackage> = {
    '': { name: 'consumer', version: '1.0.0', devDependencies: { [name]: `file:${file}` } },
    [`node_modules/${name}`]: {
      version: root.version,
      resolved: `file:${file}`,
      dev: true,
      hasInstallScript: true,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
    },
  };
  for (const [key, entry] of Object.entries(own.packages)) {
    if (key.startsWith('node_modules/') && !entry.dev && !entry.link) packages[key] = { ...entry, dev: true };
  }
  return { name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'hct-install-'));
  // dist/ is fresh (the global setup builds it): skip prepack's rebuild.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp, '--json'], { cwd: PROJECT, ...OPTS });
  const [{ filename, name }] = JSON.parse(packed.stdout) as { filename: string; name: string }[];
  tarball = filename;
  proj = path.join(tmp, 'consumer');
  // The project's own charts: the example monorepo (a user's repository, with its config beside it).
  await cp(path.join(PROJECT, 'examples', 'monorepo', 'repo'), path.join(proj, 'platform'), { recursive: true });
  await cp(path.join(PROJECT, 'examples', 'monorepo', 'suite.yaml'), path.join(proj, 'contracts.yaml'));
  await writeFile(
    path.join(proj, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, devDependencies: { [name]: `file:../${filename}` } }, null, 2),
  );
  await writeFile(path.join(proj, 'package-lock.json'), JSON.stringify(await lockFor(name, `../${filename}`), null, 2));
  // The pinned tool packages declare aws-cdk-lib as a peer: not wanted (as in this checkout's .npmrc).
  await writeFile(path.join(proj, '.npmrc'), 'legacy-peer-deps=true\n');
}, 120_000);

afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('npm pack → another project', () => {
  it('the tarball holds the compiled bin, not the TypeScript sources', async () => {
    const list = await execa('tar', ['-tzf', path.join(tmp, tarball)]);
    const files = list.stdout.split('\n');
    expect(files).toContain('package/bin/helm-contract-tests.js');
    expect(files).toContain('package/dist/cli/main.js');
    expect(files).toContain('package/dist/config/suite.schema.json');
    expect(files.some((f) => f.startsWith('package/src/'))).toBe(false);
  });

  it('installs offline, and its bin checks that project’s charts with the pinned tools it provisions there', async () => {
    const install = await execa('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: proj, ...OPTS, reject: false, all: true });
    expect(install.exitCode, String(install.all)).toBe(0);
    const bin = path.join(proj, 'node_modules', '.bin', 'helm-contract-tests');
    const res = await execa(bin, ['check', '--root', 'platform', '--config', 'contracts.yaml', '--format', 'json'], {
      cwd: proj,
      ...OPTS,
      reject: false,
    });
    expect(res.exitCode, String(res.stderr)).toBe(0);
    const summary = JSON.parse(res.stdout) as { rows: { chart: string }[] };
    expect(new Set(summary.rows.map((r) => r.chart))).toEqual(new Set(['storefront']));
    expect(res.stderr).toBe(`suite config ${proj}/contracts.yaml (given); charts root ${proj}/platform (given)`);
    const tools = await execa(bin, ['tools'], { cwd: proj, ...OPTS });
    expect(tools.stdout).toMatch(new RegExp(`^helm3 +v3\\.18\\.0 +${proj}/node_modules/\\S+/helm +pinned *$`, 'm'));
  });
});
