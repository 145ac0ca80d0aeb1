// examples/monorepo: a platform repo as the suite meets it in the wild (issue 8, items 2–7 in
// one chart), with its suite config kept outside the repo. The whole repo passes; each trait is
// then broken on a temp copy and the exact line that catches it is asserted.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runMatrixSpec } from '../support/vitest-run.js';
import { formatViolation } from '../../src/contracts/violation.js';
import { withPatchedCopy, type PatchEdit } from '../support/fixtures/patch-set.js';
import { hashTree } from '../../src/render/cache.js';
import { checkSuite, type CheckResult } from '../../src/suite/check.js';
import { openSuite, type Suite } from '../../src/suite/session.js';
import { binCommand } from '../support/bin.js';

const EXAMPLE = path.resolve('examples/monorepo');
const REPO = path.join(EXAMPLE, 'repo');
const CONFIG = path.join(EXAMPLE, 'suite.yaml');
const STUBBED =
  'dependencies stubbed: postgresql 16.2.0 for ~16.2.0 (oci://registry-1.docker.io/bitnamicharts), redis 20.1.4 (https://charts.bitnami.com/bitnami) — their templates are not rendered';
const ENV = { CHARTS_ROOT: REPO, SUITE_CONFIG: CONFIG };

interface Outcome {
  suite: Suite;
  result: CheckResult;
  /** Every violation as printed. */
  lines: string[];
  /** Render failures: `chart · cell · renderer: message`. */
  failures: string[];
}

/** Check a copy of the example (repo + config) with the edits applied; paths relative to examples/monorepo. */
async function checkVariant(edits: PatchEdit[]): Promise<Outcome> {
  return withPatchedCopy(EXAMPLE, edits, async (dir) => {
    const suite = await openSuite({ root: path.join(dir, 'repo'), configFile: path.join(dir, 'suite.yaml') });
    const result = await checkSuite(suite);
    return {
      suite,
      result,
      lines: result.rows.flatMap((r) => r.violations.map(formatViolation)),
      failures: result.failures.map((f) => `${f.chart} · ${f.cell} · ${f.renderer}: ${f.message}`),
    };
  });
}

const before = await hashTree(EXAMPLE);

describe('examples/monorepo with CHARTS_ROOT + SUITE_CONFIG (config outside the repo)', () => {
  it('the generic contract specs pass on it, unchanged', async () => {
    const run = await runMatrixSpec(ENV);
    expect(run.numFailedTests).toBe(0);
    expect(run.numPassedTests).toBeGreaterThan(10);
    expect(run.suiteTitle).toContain(REPO);
  });

  it('npm run check passes and says which config ran, what was stubbed and what is nondeterministic', async () => {
    const res = await execa(...binCommand('check'), { reject: false, env: ENV });
    expect(res.exitCode).toBe(0);
    expect(res.stderr).toBe(`suite config ${CONFIG} (from SUITE_CONFIG); charts root ${REPO} (from CHARTS_ROOT)`);
    expect(res.stdout).toContain(`storefront: ${STUBBED}`);
    expect(res.stdout).toContain(
      [
        'Nondeterministic paths (excluded from helm-parity and diffs) (4):',
        '  storefront · defaults · Secret/shop/storefront-session · data.SESSION_KEY',
        '  storefront · defaults · Deployment/shop/storefront-api · spec.template.metadata.annotations.rollme',
        '  storefront · kit · Secret/shop/storefront-session · data.SESSION_KEY',
        '  storefront · kit · Deployment/shop/storefront-api · spec.template.metadata.annotations.rollme',
      ].join('\n'),
    );
    // Custom resources without a CRD in the repository are listed, never passed silently.
    expect(res.stdout).toContain(
      '  storefront: schema: not validated (no built-in type or CRD for them): ExternalSecret (external-secrets.io/v1beta1), HelmRelease (helm.toolkit.fluxcd.io/v2), PrometheusRule (monitoring.coreos.com/v1)',
    );
    expect(res.stdout).toContain('2 chart cells, 22 contract checks: 17 passed, 0 failed, 5 not applicable; 0 violations, 0 render failures');
  });

  it('Flux substitution as Flux does it: typed values, comments ignored, substitute: disabled honoured', async () => {
    const suite = await openSuite({ root: REPO, configFile: CONFIG });
    const [hr] = suite.helmReleases;
    expect(hr.values).toEqual({
      replicaCount: 3,
      logLevel: 'warn',
      corsOrigins: ['https://shop.example.com', 'https://admin.example.com'],
      worker: { enabled: true },
      metrics: { enabled: true },
    });
    const script = suite.kitObjects.find((m) => m.name === 'storefront-backup-script');
    expect(script?.object.data).toEqual({ 'backup.sh': '#!/bin/sh\npg_dump "${DATABASE_URL}" > "/backup/${BACKUP_NAME:-nightly}.sql"\n' });
  });
});

describe('examples/monorepo: each trait, broken, is caught', () => {
  const REQUIRED = (cell: string, ref: string, actual: string) =>
    `[required-resources] chart storefront · cell ${cell} · helm4 · ${ref} · (object): required ${ref} is not rendered (is it gated on a capability missing from apiVersions, or on a value this cell does not set?) (expected ${ref}, actual ${actual})`;
  const API = '[dual-mode-env] chart storefront · cell defaults · helm4 vs kustomize · Deployment/shop/storefront-api';

  it.each<{ name: string; edits: PatchEdit[]; lines?: string[]; failure?: string }>([
    {
      name: '3. the ExternalSecret capability is not passed: the DB password source vanishes',
      edits: [{ file: 'suite.yaml', replace: 'apiVersions: [external-secrets.io/v1beta1]', with: 'apiVersions: []' }],
      lines: [REQUIRED('defaults', 'ExternalSecret/storefront-db', '(absent); no ExternalSecret rendered')],
    },
    {
      name: '3. a value-gated Deployment the kit cell requires is switched off',
      edits: [{ file: 'repo/clusters/prod/vars.yaml', replace: 'WORKER_ENABLED: "true"', with: 'WORKER_ENABLED: "false"' }],
      lines: [REQUIRED('kit', 'Deployment/storefront-worker', '(absent); Deployment rendered: Deployment/shop/storefront-api')],
    },
    {
      name: '5. an intended divergence without its allowance',
      edits: [{ file: 'suite.yaml', replace: '        container: api\n        env: LOG_LEVEL\n', with: '        container: api\n        env: LOG_LEVL\n' }],
      lines: [
        `${API} · spec.template.spec.containers[api].env[LOG_LEVEL]: env LOG_LEVEL of container api differs between helm and kustomize (expected configMapKeyRef storefront-settings/LOG_LEVEL optional=false, actual value "info")`,
        `${API} · dualModeAllowed[Deployment/storefront-api container api: LOG_LEVL]: allowed difference for env LOG_LEVL of Deployment/storefront-api container api is stale: helm and kustomize no longer differ there; remove it from dualModeAllowed (expected a difference (Helm installs read the level from the per-cluster settings ConfigMap; the raw install fixes it to info), actual no difference)`,
      ],
    },
    {
      name: '5. an allowance that no longer differs is stale',
      edits: [
        {
          file: 'repo/charts/storefront/deploy/kustomize/api-deployment.yaml',
          replace: '            - name: LOG_LEVEL\n              value: info\n',
          with: '            - name: LOG_LEVEL\n              valueFrom:\n                configMapKeyRef: { name: storefront-settings, key: LOG_LEVEL }\n',
        },
      ],
      lines: [
        `${API} · dualModeAllowed[Deployment/storefront-api container api: LOG_LEVEL]: allowed difference for env LOG_LEVEL of Deployment/storefront-api container api is stale: helm and kustomize no longer differ there; remove it from dualModeAllowed (expected a difference (Helm installs read the level from the per-cluster settings ConfigMap; the raw install fixes it to info), actual no difference)`,
      ],
    },
    {
      name: '6. a Helm expression left in the literal Kustomize sibling',
      edits: [
        {
          file: 'repo/charts/storefront/deploy/kustomize/api-deployment.yaml',
          replace: '              value: info\n',
          with: `              value: '{{ .Values.logLevel | default "info" }}'\n`,
        },
      ],
      lines: [
        '[template-residue] chart storefront · cell defaults · kustomize · Deployment/shop/storefront-api · spec.template.spec.containers[api].env[LOG_LEVEL].value: a Helm template expression was left in the kustomize output (kustomization.yaml): the cluster receives it verbatim (expected no {{ or }} in rendered output, actual "{{ .Values.logLevel | default \\"info\\" }}")',
      ],
    },
    {
      // Issue 13: Prometheus's own braces need no allowance any more; a Helm expression among them is still residue.
      name: '6. alert templates without their allowance: a Helm expression in them is still caught',
      edits: [
        { file: 'suite.yaml', replace: '        path: spec.groups\n', with: '        path: spec.other\n' },
        {
          file: 'repo/charts/storefront/templates/alerts-prometheusrule.yaml',
          replace: '{{ $labels.instance }} is down',
          with: '{{ $labels.instance }} of {{ .Release.Name }} is down',
        },
      ],
      lines: [
        '[template-residue] chart storefront · cell kit · helm4 · PrometheusRule/shop/storefront-alerts · spec.groups[storefront].rules[0].annotations.summary: the helm4 output still holds a template expression (storefront/templates/alerts-prometheusrule.yaml): a value rendered without tpl, or an escaped template (expected no {{ or }} in rendered output, actual "{{ $labels.instance }} of {{ .Release.Name }} is down")',
      ],
    },
    {
      name: '2. dependencies: fail names the missing charts and helm dependency build, before helm runs',
      edits: [{ file: 'suite.yaml', replace: 'dependencies: stub', with: 'dependencies: fail' }],
      failure: 'helm dependency build',
    },
    {
      name: '7. a Flux variable that is a string where the chart needs a list',
      edits: [
        {
          file: 'repo/clusters/prod/vars.yaml',
          replace: 'CORS_ORIGINS: "[https://shop.example.com, https://admin.example.com]"',
          with: 'CORS_ORIGINS: "https://shop.example.com"',
        },
      ],
      failure: 'corsOrigins must be a list, got https://shop.example.com',
    },
  ])('$name', async ({ edits, lines, failure }) => {
    const out = await checkVariant(edits);
    if (lines) for (const line of lines) expect(out.lines, out.lines.join('\n')).toContain(line);
    if (failure) expect(out.failures.join('\n')).toContain(failure);
    if (!lines && !failure) throw new Error('a variant must assert a violation or a failure');
  });

  it('4. nondeterministic paths are found by rendering twice and kept out of helm-parity', async () => {
    const out = await checkVariant([]);
    expect(out.result.nondeterministic.map((n) => `${n.cell} ${n.resource.kind}/${n.resource.name} ${n.path}`)).toEqual([
      'defaults Secret/storefront-session data.SESSION_KEY',
      'defaults Deployment/storefront-api spec.template.metadata.annotations.rollme',
      'kit Secret/storefront-session data.SESSION_KEY',
      'kit Deployment/storefront-api spec.template.metadata.annotations.rollme',
    ]);
    expect(out.lines).toEqual([]);
    expect(out.failures).toEqual([]);
  });

  it('the config guide shows the example config as it is', async () => {
    const guide = await readFile('docs/config-guide.md', 'utf8');
    expect(guide).toContain('```yaml\n' + (await readFile(CONFIG, 'utf8')) + '```');
  });

  it("the README's short example config passes on the example repo", async () => {
    const readme = await readFile('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Point it at your repo'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(block.trimEnd().split('\n').length).toBeLessThanOrEqual(15);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hct-readme-'));
    try {
      await writeFile(path.join(dir, 'suite.yaml'), block);
      const result = await checkSuite(await openSuite({ root: REPO, configFile: path.join(dir, 'suite.yaml') }));
      expect(result.rows.flatMap((r) => r.violations.map(formatViolation))).toEqual([]);
      expect(result.failures).toEqual([]);
      expect(result.rows.length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the example itself is never written', async () => {
    expect(await hashTree(EXAMPLE)).toBe(before);
  });
});
