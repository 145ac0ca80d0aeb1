// verify-bump, in-process: each case builds a temp git repo from charts-under-test/,
// commits a base, edits (committed or not), and checks the findings and exact messages.
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { verifyBump } from '../../src/bump/verify.js';
import { liveTempDirCount } from '../../src/bump/sides.js';
import { formatBumpReport } from '../../src/bump/format.js';
import {
  addedLines,
  bumpChart,
  CATALYST_CHART,
  CATALYST_PIN,
  editRel,
  makeRepo,
  messages,
  NEWAPI_CHART,
  NEWAPI_PIN,
  restorePostFix,
  setPin,
  touchTemplate,
  verifyIn,
  writeRel,
  type Repo,
  type RepoOptions,
} from './support/repo.js';

const repos: Repo[] = [];
async function repo(opts: RepoOptions = {}): Promise<Repo> {
  const r = await makeRepo(opts);
  repos.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
  // Every temp copy of base/head is gone after every run, clean or not.
  expect(liveTempDirCount()).toBe(0);
});

/** Bump both lockstep charts and pin them (the well-formed change). */
async function bumpBoth(r: Repo, newapi = '1.4.34', catalyst = '1.4.226'): Promise<void> {
  await bumpChart(r, NEWAPI_CHART, newapi);
  await setPin(r, NEWAPI_PIN, 'bp-newapi', newapi);
  await bumpChart(r, CATALYST_CHART, catalyst);
  await setPin(r, CATALYST_PIN, 'bp-catalyst-platform', catalyst);
}

describe('verify-bump', () => {
  it('no change: exit 0, nothing rendered', async () => {
    const r = await repo();
    const { report, progress } = await verifyIn(r);
    expect(report).toMatchObject({ exitCode: 0, charts: [], violations: [], contractViolations: [], root: '.' });
    expect(report.contracts).toBeUndefined();
    expect(report.base.ref).toBe('merge-base(main)');
    expect(progress).toContain('verify-bump: no chart changed');
  });

  it('template edit without bump (committed; --base/--head revisions)', async () => {
    const r = await repo();
    await touchTemplate(r, `${NEWAPI_CHART}/templates/service.yaml`);
    await r.commit('edit without bump');
    const { report } = await verifyIn(r, { base: 'HEAD~1', head: 'HEAD' });
    expect(report.exitCode).toBe(1);
    expect(messages(report)).toEqual([
      'bp-newapi: chart changed but Chart.yaml version is still 1.4.33 (bump platform/newapi/chart/Chart.yaml; changed: templates/service.yaml)',
    ]);
    const [newapi] = report.charts;
    expect(newapi).toMatchObject({ id: 'bp-newapi', reasons: ['files'], files: ['platform/newapi/chart/templates/service.yaml'] });
    // A template comment changes no render: every cell is unchanged.
    expect(newapi.diffs.map((d) => d.status)).toEqual(newapi.diffs.map(() => 'unchanged'));
    expect(report.head).toMatchObject({ ref: 'HEAD', workingTree: false });
  });

  it('bump without pin', async () => {
    const r = await repo();
    await bumpBoth(r);
    await setPin(r, NEWAPI_PIN, 'bp-newapi', '1.4.33');
    const { report } = await verifyIn(r);
    expect(report.exitCode).toBe(1);
    expect(messages(report)).toEqual([
      'bp-newapi: bumped 1.4.33 -> 1.4.34 but HelmRelease flux-system/bp-newapi still pins 1.4.33 (clusters/_template/bootstrap-kit/80-newapi.yaml)',
    ]);
    // The head contracts see it too.
    expect(report.contractViolations.map((v) => `${v.contract}: ${v.message}`)).toContain(
      'version-lockstep: bootstrap kit pins bp-newapi 1.4.33 but Chart.yaml is 1.4.34',
    );
  });

  it('pin mismatch: a pin to a version no Chart.yaml has', async () => {
    const r = await repo();
    await bumpBoth(r);
    await setPin(r, NEWAPI_PIN, 'bp-newapi', '1.4.35');
    const { report } = await verifyIn(r);
    expect(report.exitCode).toBe(1);
    expect(messages(report)).toEqual([
      'bp-newapi: HelmRelease flux-system/bp-newapi pins 1.4.35, a version no Chart.yaml has (platform/newapi/chart/Chart.yaml is 1.4.34; clusters/_template/bootstrap-kit/80-newapi.yaml)',
    ]);
  });

  it('version decrease', async () => {
    const r = await repo();
    await bumpChart(r, NEWAPI_CHART, '1.4.30');
    await setPin(r, NEWAPI_PIN, 'bp-newapi', '1.4.30');
    const { report } = await verifyIn(r);
    expect(report.exitCode).toBe(1);
    expect(messages(report)).toEqual(['bp-newapi: Chart.yaml version went down from 1.4.33 to 1.4.30 (platform/newapi/chart/Chart.yaml)']);
  });

  it('invalid semver', async () => {
    const r = await repo();
    await bumpChart(r, NEWAPI_CHART, '1.4');
    const { report } = await verifyIn(r);
    expect(report.exitCode).toBe(1);
    expect(report.violations).toEqual([
      {
        rule: 'invalid-version',
        chart: 'bp-newapi',
        file: 'platform/newapi/chart/Chart.yaml',
        expected: 'a semver version (MAJOR.MINOR.PATCH)',
        actual: '1.4',
        message: 'bp-newapi: Chart.yaml version "1.4" is not valid semver (platform/newapi/chart/Chart.yaml)',
      },
    ]);
  });

  it('lockstep partner missing: the report names it', async () => {
    const r = await repo();
    await touchTemplate(r, `${NEWAPI_CHART}/templates/service.yaml`);
    await bumpChart(r, NEWAPI_CHART, '1.4.34');
    await setPin(r, NEWAPI_PIN, 'bp-newapi', '1.4.34');
    const { report } = await verifyIn(r);
    expect(report.exitCode).toBe(1);
    expect(messages(report)).toEqual([
      'bp-catalyst-platform: lockstep partner of bp-newapi 1.4.33 -> 1.4.34 was not bumped (still 1.4.225 in products/catalyst/chart/Chart.yaml)',
    ]);
    expect(report.charts.map((c) => [c.id, c.reasons, c.diffs.length > 0])).toEqual([
      ['bp-newapi', ['files', 'pin'], true],
      ['bp-catalyst-platform', ['lockstep'], false],
    ]);
  });

  it('.helmignore’d files changed: no bump needed', async () => {
    const r = await repo();
    await writeRel(r, `${NEWAPI_CHART}/.vscode/settings.json`, '{}\n');
    await writeRel(r, `${CATALYST_CHART}/values.yaml.orig`, 'old: true\n');
    await r.commit('editor files');
    const { report } = await verifyIn(r, { base: 'HEAD~1' });
    expect(report).toMatchObject({ exitCode: 0, charts: [], violations: [] });
    expect(report.notes).toEqual([
      'bp-newapi: changed files ignored by .helmignore (not packaged, no bump needed): platform/newapi/chart/.vscode/settings.json (.helmignore:10 ".vscode/")',
      'bp-catalyst-platform: changed files ignored by .helmignore (not packaged, no bump needed): products/catalyst/chart/values.yaml.orig (.helmignore:8 "*.orig")',
    ]);
  });

  it('a helmignored Kustomize-only file of a dual-mode chart still counts (it ships via Kustomize)', async () => {
    const r = await repo();
    await editRel(r, `${CATALYST_CHART}/templates/api-service-kustomize.yaml`, (t) => `${t.replace(/\n?$/, '\n')}# touched\n`);
    const { report } = await verifyIn(r);
    expect(messages(report)).toEqual([
      'bp-catalyst-platform: chart changed but Chart.yaml version is still 1.4.225 (bump products/catalyst/chart/Chart.yaml; changed: templates/api-service-kustomize.yaml)',
    ]);
  });

  it('uncommitted and untracked changes are detected', async () => {
    const r = await repo();
    await writeRel(r, `${NEWAPI_CHART}/templates/extra-configmap.yaml`, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: "1"\n');
    await touchTemplate(r, `${CATALYST_CHART}/templates/api-service.yaml`);
    const { report } = await verifyIn(r);
    expect(messages(report)).toEqual([
      'bp-newapi: chart changed but Chart.yaml version is still 1.4.33 (bump platform/newapi/chart/Chart.yaml; changed: templates/extra-configmap.yaml)',
      'bp-catalyst-platform: chart changed but Chart.yaml version is still 1.4.225 (bump products/catalyst/chart/Chart.yaml; changed: templates/api-service.yaml)',
    ]);
    // The untracked template is in the head render: every bp-newapi cell adds it.
    const newapi = report.charts.find((c) => c.id === 'bp-newapi')!;
    expect(newapi.diffs.every((d) => d.status === 'changed' && d.patch.includes('+--- # ConfigMap/newapi/extra'))).toBe(true);
  });

  it('the seed change (pre-fix 1.4.32/1.4.224 → 1.4.33/1.4.225 with both pins) passes and shows the fix as added lines', async () => {
    const r = await repo({ preFix: true, cells: 'all' });
    await restorePostFix(r);
    await r.commit('seed: wire the NewAPI admin-API hook');
    const { report, progress } = await verifyIn(r, { base: 'HEAD~1', head: 'HEAD' });
    expect(report.violations).toEqual([]);
    expect(report.contractViolations).toEqual([]);
    expect(report.contracts?.failures).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.charts.map((c) => [c.id, c.base.version, c.head.version, c.head.pins.map((p) => p.version)])).toEqual([
      ['bp-newapi', '1.4.32', '1.4.33', ['1.4.33']],
      ['bp-catalyst-platform', '1.4.224', '1.4.225', ['1.4.225']],
    ]);
    expect(progress).toContain('verify-bump: bp-newapi: rendering 15 cells (base 1.4.32, head 1.4.33)');
    expect(progress).toContain('verify-bump: bp-catalyst-platform: rendering 4 cells + kustomize (base 1.4.224, head 1.4.225)');

    const catalyst = addedLines(report, 'bp-catalyst-platform');
    expect(catalyst).toContain('+              value: http://newapi-bp-newapi.newapi.svc.cluster.local:3000');
    expect(catalyst.some((l) => /^\+\s+- name: CATALYST_NEWAPI_ADMIN_TOKEN$/.test(l))).toBe(true);
    // Both dual-mode renders carry it: helm and kustomize.
    const kustomize = report.charts[1].diffs.find((d) => d.cell === 'kustomize')!;
    expect(kustomize.status).toBe('changed');
    expect(kustomize.patch).toMatch(/^\+\s+- name: CATALYST_NEWAPI_ADMIN_TOKEN$/m);
    expect(report.charts[1].diffs.every((d) => /^-\s+value: http:\/\/newapi\.newapi\.svc$/m.test(d.patch))).toBe(true);

    const newapi = addedLines(report, 'bp-newapi');
    expect(newapi).toContain('+          reflector.v1.k8s.emberstack.com/reflection-allowed: "true"');
    expect(newapi).toContain('+          reflector.v1.k8s.emberstack.com/reflection-auto-namespaces: catalyst-system');
    expect(newapi.filter((l) => l.includes('reflector.v1.k8s.emberstack.com/')).length).toBeGreaterThanOrEqual(4);

    const text = formatBumpReport('text', report);
    expect(text).toContain('bp-newapi             platform/newapi/chart    1.4.32 -> 1.4.33    1.4.32 -> 1.4.33    files, pin (3 files)');
    expect(text.split('\n').at(-1)).toMatch(/^ok: 0 bump violations, 0 contract violations, 0 head render failures \(\d+\.\ds\)$/);
  });

  it('a base that does not render is reported, not fatal', async () => {
    const r = await repo({
      before: (x) => editRel(x, `${NEWAPI_CHART}/templates/service.yaml`, (t) => t.replace('{{ .Values.service.port }}', '{{ .Values.service.port ')),
    });
    await editRel(r, `${NEWAPI_CHART}/templates/service.yaml`, (t) => t.replace('{{ .Values.service.port ', '{{ .Values.service.port }}'));
    await bumpBoth(r);
    const { report } = await verifyIn(r);
    expect(report.violations).toEqual([]);
    expect(report.exitCode).toBe(0);
    const newapi = report.charts.find((c) => c.id === 'bp-newapi')!;
    expect(new Set(newapi.diffs.map((d) => d.status))).toEqual(new Set(['base-failed']));
    expect(newapi.diffs[0].error).toMatch(/^render failed: chart bp-newapi, cell kit, renderer helm4/);
    expect(formatBumpReport('text', report)).toContain('cell kit: base render failed:');
  });

  it('secret Flux variables never reach the report', async () => {
    const ACCOUNT = 'BD-ACCT-TEST-0001'; // the on-attested cells render it into the channels ConfigMap
    const r = await repo({
      before: (x) => editRel(x, 'clusters/_template/bootstrap-kit/sovereign-vars.yaml', (t) => t.replace('BD-ACCT-7731-OMT', ACCOUNT)),
    });
    await editRel(r, `${NEWAPI_CHART}/templates/_helpers.tpl`, (t) =>
      t.replace('"accountId" (toString $att.accountId)', '"accountId" (printf "acct:%s" $att.accountId)'),
    );
    await bumpBoth(r);
    const { report } = await verifyIn(r);
    const json = formatBumpReport('json', report);
    expect(json).not.toContain(ACCOUNT);
    expect(formatBumpReport('text', report)).not.toContain(ACCOUNT);
    expect(formatBumpReport('markdown', report)).not.toContain(ACCOUNT);
    expect(addedLines(report, 'bp-newapi')).toContain('+          "accountId": "acct:<redacted>",');
  });

  it('an unsupported .helmignore line in a changed chart: a note, a violation with --strict; helm itself fails on it', async () => {
    const r = await repo();
    await editRel(r, `${NEWAPI_CHART}/.helmignore`, (t) => `${t}!keep.bak\n`);
    await bumpBoth(r);
    const warning =
      'bp-newapi: platform/newapi/chart/.helmignore:14: "!keep.bak" is a negation, which helm does not support like gitignore (it ignores every file the pattern does not match); line skipped for change detection';
    const lenient = (await verifyIn(r)).report;
    expect(messages(lenient)).toEqual([]);
    expect(lenient.notes).toContain(warning);
    // helm ignores Chart.yaml too: head does not render, which fails the run anyway.
    expect(lenient.exitCode).toBe(1);
    const newapi = lenient.charts.find((c) => c.id === 'bp-newapi')!;
    expect(newapi.diffs.every((d) => d.status === 'head-failed' && d.error?.includes('Chart.yaml file is missing'))).toBe(true);
    const strict = (await verifyIn(r, { strict: true })).report;
    expect(strict.strict).toBe(true);
    expect(messages(strict)).toEqual([warning]);
  });

  it('--strict makes Flux variables strict: an undefined variable in head is an error (exit 2)', async () => {
    const r = await repo({ before: (x) => editRel(x, 'suite.yaml', (t) => t.replace('  strict: true\n', '  strict: false\n')) });
    await editRel(r, NEWAPI_PIN, (t) => t.replace('  releaseName: newapi\n', '  releaseName: newapi${RELEASE_SUFFIX}\n'));
    await bumpBoth(r);
    const lenient = (await verifyIn(r)).report;
    expect(messages(lenient)).toEqual([]);
    const err = await verifyIn(r, { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(
      'undefined Flux variable RELEASE_SUFFIX in clusters/_template/bootstrap-kit/80-newapi.yaml:52 (strict mode): add it to clusters/_template/bootstrap-kit/sovereign-vars.yaml or give it a default (${RELEASE_SUFFIX:-…})',
    );
  });

  it('a chart new in head needs only a valid version and a pin; its renders show as all-added', async () => {
    const r = await repo();
    await writeRel(r, 'platform/hello/chart/Chart.yaml', 'apiVersion: v2\nname: bp-hello\nversion: 0.1.0\n');
    await writeRel(
      r,
      'platform/hello/chart/templates/configmap.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hello\ndata:\n  greeting: {{ .Values.greeting | default "hi" | quote }}\n',
    );
    await editRel(r, 'suite.yaml', (t) => t.replace('\nlockstep:', '\n  - id: bp-hello\n    name: bp-hello\n    path: platform/hello/chart\n\nlockstep:'));
    await writeRel(
      r,
      'clusters/_template/bootstrap-kit/90-hello.yaml',
      [
        'apiVersion: helm.toolkit.fluxcd.io/v2',
        'kind: HelmRelease',
        'metadata:',
        '  name: bp-hello',
        '  namespace: flux-system',
        'spec:',
        '  interval: 15m',
        '  targetNamespace: hello',
        '  chart:',
        '    spec:',
        '      chart: bp-hello',
        '      version: 0.1.0',
        '      sourceRef: { kind: HelmRepository, name: bp-newapi, namespace: flux-system }',
        '',
      ].join('\n'),
    );
    const { report, progress } = await verifyIn(r);
    expect(messages(report)).toEqual([]);
    expect(report.charts.map((c) => [c.id, c.reasons])).toEqual([['bp-hello', ['files', 'new', 'pin']]]);
    const hello = report.charts[0];
    expect(hello.diffs.map((d) => [d.cell, d.status, d.removed])).toEqual([['default', 'added', 0]]);
    expect(hello.diffs[0].patch).toContain('+  name: hello-bp-hello-hello');
    expect(progress).toContain('verify-bump: bp-hello: rendering 1 cell (base none, head 0.1.0)');
  });

  it('a head that cannot be read is a UserError (exit 2), and the temp copies are removed', async () => {
    const r = await repo();
    await editRel(r, 'suite.yaml', (t) => t.replace('charts:\n', 'charts: [\n'));
    const err = await verifyBump({ cwd: r.dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toMatch(/^suite\.yaml:\d+: invalid YAML: /);
    expect(liveTempDirCount()).toBe(0);
  });

  it('--config names a suite config kept elsewhere in the repo: read from each side', async () => {
    const r = await repo({ before: (x) => rename(path.join(x.root, 'suite.yaml'), path.join(x.root, 'contracts.yaml')) });
    await touchTemplate(r, `${NEWAPI_CHART}/templates/service.yaml`);
    const { report } = await verifyIn(r, { config: path.join(r.root, 'contracts.yaml') });
    expect(messages(report)).toEqual([
      'bp-newapi: chart changed but Chart.yaml version is still 1.4.33 (bump platform/newapi/chart/Chart.yaml; changed: templates/service.yaml)',
    ]);
    await expect(verifyIn(r)).rejects.toThrow(
      'no suite config: suite.yaml exists neither in head nor at base (set --root or CHARTS_ROOT to the charts root, or --config / SUITE_CONFIG to the file)',
    );
  });

  it('--config outside the repository serves both sides', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'hct-config-'));
    try {
      const r = await repo();
      await copyFile(path.join(r.root, 'suite.yaml'), path.join(outside, 'suite.yaml'));
      await bumpBoth(r);
      const { report } = await verifyIn(r, { config: path.join(outside, 'suite.yaml') });
      expect(report.violations).toEqual([]);
      expect(report.exitCode).toBe(0);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('charts root defaults to charts-under-test/ when it holds a suite.yaml', async () => {
    const r = await repo({ nested: true });
    await touchTemplate(r, `${NEWAPI_CHART}/templates/service.yaml`);
    const { report } = await verifyIn(r);
    expect(report.root).toBe('charts-under-test');
    expect(report.charts.map((c) => c.files)).toEqual([['platform/newapi/chart/templates/service.yaml']]);
  });
});
