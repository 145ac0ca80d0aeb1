// examples/platform-monorepo: a platform monorepo and a dual-mode public app, one case of every
// item of issue 13 ("contract precision"). The whole repo passes with its config (every alarm
// of items 1–9 is gone); each item is then broken on a temp copy and the exact line that
// catches it is asserted (for 1–9: a real break of the same thing still fails).
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { formatViolation } from '../../src/contracts/violation.js';
import { withPatchedCopy, type PatchEdit } from '../support/fixtures/patch-set.js';
import { hashTree } from '../../src/render/cache.js';
import { checkSuite } from '../../src/suite/check.js';
import { openSuite } from '../../src/suite/session.js';
import { binCommand } from '../support/bin.js';
import { runMatrixSpec } from '../support/vitest-run.js';

const EXAMPLE = path.resolve('examples/platform-monorepo');
const REPO = path.join(EXAMPLE, 'repo');
const CONFIG = path.join(EXAMPLE, 'suite.yaml');
const BILLING = 'repo/charts/billing/templates/';
const RAW = 'repo/charts/podinfo/kustomize/deployment.yaml';
const API = '[service-dns] chart billing · cell defaults · helm4 · Deployment/billing/billing-api · spec.template.spec.containers[api]';
// Messages list the rendered Services; those operators create resolve but are not listed.
const SERVICES = 'billing-api, billing-ledger';
const PORTS = 'billing-api:8080, billing-ledger:8080';
const KIT_SERVICES = 'billing-api, billing-cache, billing-ledger';
const KIT_PORTS = 'billing-api:8080, billing-cache:6379, billing-ledger:8080';
const PODINFO = 'chart podinfo · cell defaults';
const DEP = 'Deployment/podinfo/podinfo · spec.template.spec';

/** Every distinct violation line of a check of a copy with the edits applied (random helm test Pod names masked). */
async function linesOf(edits: PatchEdit[]): Promise<string[]> {
  return withPatchedCopy(EXAMPLE, edits, async (dir) => {
    const suite = await openSuite({ root: path.join(dir, 'repo'), configFile: path.join(dir, 'suite.yaml') });
    const result = await checkSuite(suite);
    expect(result.failures).toEqual([]);
    return [...new Set(result.rows.flatMap((r) => r.violations.map((v) => formatViolation(v).replace(/billing-test-[a-z0-9]{5}/g, 'billing-test-<random>'))))];
  });
}

const before = await hashTree(EXAMPLE);

describe('examples/platform-monorepo passes with its config', () => {
  it('the generic contract specs pass on it ("nothing to check" is skipped with its reason)', async () => {
    const run = await runMatrixSpec({ CHARTS_ROOT: REPO, SUITE_CONFIG: CONFIG });
    expect(run.numFailedTests).toBe(0);
    expect(run.numPassedTests).toBeGreaterThan(40);
    expect(run.suiteTitle).toContain(REPO);
  });

  it('npm run check exits 0, shows "nothing to check" as its own state and lists what it took on trust', async () => {
    const res = await execa(...binCommand('check', ['--root', REPO, '--config', CONFIG]), { reject: false });
    expect(res.exitCode, res.stdout).toBe(0);
    expect(res.stdout).toContain(
      [
        'Nothing to check (neither passed nor failed; expectContracts makes it a failure) (5):',
        '  podinfo · defaults · secret-refs: no secret reference found',
        '  podinfo · kit · secret-refs: no secret reference found',
        '  status-page · default · secret-refs: no secret reference found',
        '  status-page · default · reflector: no reflector-annotated Secret found',
        '  status-page · default · service-dns: no in-cluster Service DNS name found',
      ].join('\n'),
    );
    // Notes (other contracts add their own, e.g. kinds schema did not validate): each of ours is listed.
    for (const note of [
      '  billing: secret billing-bootstrap-token in namespace billing is taken as present (clusterSecrets: created by hand at install (runbook step 3), never stored in git)',
      '  billing: secret regcred in namespace billing is taken as present (clusterSecrets: image pull secret created in every namespace by the cluster provisioner)',
      '  podinfo: Deployment/podinfo: container podinfo (helm) and podinfod (kustomize) are compared as one (dualModeContainers)',
    ])
      expect(res.stdout).toContain(`\n${note}\n`);
    expect(res.stdout).toContain(
      '5 chart cells, 55 contract checks: 33 passed, 0 failed, 17 not applicable, 5 nothing to check; 0 violations, 0 render failures',
    );
  });
});

describe('examples/platform-monorepo: each item, broken, is caught', () => {
  it.each<{ item: string; edits: PatchEdit[]; lines: string[] }>([
    {
      item: '1. kubernetes.default.svc resolves without config; a port it does not expose does not',
      edits: [{ file: `${BILLING}api-deployment.yaml`, replace: 'https://kubernetes.default.svc', with: 'https://kubernetes.default.svc:6443' }],
      lines: [
        `${API}.env[KUBE_API].value: https://kubernetes.default.svc:6443 names port 6443, which Service kubernetes in namespace default does not expose (expected a port of Service kubernetes in namespace default (443), actual 6443)`,
      ],
    },
    {
      item: '2. the CNPG Cluster is renamed: its -rw Service and -app Secret are gone',
      edits: [{ file: `${BILLING}database.yaml`, replace: 'name: billing-db\n', with: 'name: billing-pg\n' }],
      lines: [
        `${API}.env[DATABASE_URL].value: postgres://billing-db-rw.billing.svc:5432 names no Service: no Service billing-db-rw in namespace billing (services there: ${SERVICES}) (expected a Service billing-db-rw in namespace billing, actual none (${PORTS}))`,
        '[secret-refs] chart billing · cell defaults · helm4 · Deployment/billing/billing-api · spec.template.spec.containers[api].env[DATABASE_PASSWORD].valueFrom.secretKeyRef.name: secret billing-db-app read by env DATABASE_PASSWORD of container api is not produced in namespace billing (expected Secret billing-db-app in namespace billing (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)',
      ],
    },
    {
      item: '2. the Certificate writes another Secret than the one mounted',
      edits: [{ file: `${BILLING}certificate.yaml`, replace: 'secretName: billing-tls', with: 'secretName: billing-api-tls' }],
      lines: [
        '[secret-refs] chart billing · cell defaults · helm4 · Deployment/billing/billing-api · spec.template.spec.volumes[tls].secret.secretName: secret billing-tls read by volume tls is not produced in namespace billing (expected Secret billing-tls in namespace billing (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)',
      ],
    },
    {
      item: '2. a config row (MinIO Tenant) that creates another name than the one dialled',
      edits: [{ file: 'suite.yaml', replace: '"{name}-hl"', with: '"{name}-headless"' }],
      lines: [
        `${API}.env[OBJECTS_URL].value: http://billing-objects-hl.billing.svc:9000 names no Service: no Service billing-objects-hl in namespace billing (services there: ${SERVICES}) (expected a Service billing-objects-hl in namespace billing, actual none (${PORTS}))`,
      ],
    },
    {
      item: '3. a cluster secret declared for other namespaces only',
      edits: [{ file: 'suite.yaml', replace: 'namespaces: [billing, podinfo, status]', with: 'namespaces: [podinfo, status]' }],
      lines: [
        '[secret-refs] chart billing · cell defaults · helm4 · Deployment/billing/billing-ledger · spec.template.spec.imagePullSecrets[regcred]: secret regcred read by imagePullSecrets is not produced in namespace billing (expected Secret regcred in namespace billing (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual no Secret of that name anywhere in the bootstrap kit)',
      ],
    },
    {
      item: '4. a Helm expression inside the ExternalSecret template is still residue',
      edits: [{ file: `${BILLING}smtp-externalsecret.yaml`, replace: '@mail.example.com:587', with: '@{{ .Values.smtpHost }}:587' }],
      lines: [
        '[template-residue] chart billing · cell defaults · helm4 · ExternalSecret/billing/billing-smtp · spec.target.template.data.SMTP_URL: the helm4 output still holds a template expression (billing/templates/smtp-externalsecret.yaml): a value rendered without tpl, or an escaped template (expected no {{ or }} in rendered output, actual "smtp://{{ .user }}:{{ .password | urlquery }}@{{ .Values.smtpHost }…")',
      ],
    },
    {
      item: '5. a kit-value URL naming no Service is caught in the kit cell (and only there)',
      edits: [{ file: 'repo/clusters/prod/billing.yaml', replace: 'redis://billing-cache.billing.svc:6379', with: 'redis://billing-redis.billing.svc:6379' }],
      lines: [
        `[service-dns] chart billing · cell kit · helm4 · HelmRelease/flux-system/billing · spec.values.settlement.cacheUrl: redis://billing-redis.billing.svc:6379 names no Service: no Service billing-redis in namespace billing (services there: ${KIT_SERVICES}) (expected a Service billing-redis in namespace billing, actual none (${KIT_PORTS}))`,
        `[service-dns] chart billing · cell kit · helm4 · Deployment/billing/billing-api · spec.template.spec.containers[api].env[SETTLEMENT_CACHE_URL].value: redis://billing-redis.billing.svc:6379 names no Service: no Service billing-redis in namespace billing (services there: ${KIT_SERVICES}) (expected a Service billing-redis in namespace billing, actual none (${KIT_PORTS}))`,
      ],
    },
    {
      item: '6. a randomly named helm test Pod that helm 3 and helm 4 render differently',
      edits: [
        {
          file: `${BILLING}tests/test-connection.yaml`,
          replace: 'helm.sh/hook-delete-policy: hook-succeeded',
          with: 'helm.sh/hook-delete-policy: hook-succeeded\n    rendered-by: {{ .Capabilities.HelmVersion.Version | quote }}',
        },
      ],
      lines: [
        '[helm-parity] chart billing · cell defaults · helm4 vs helm3 · Pod/billing/billing-test-<random> · metadata.annotations.rendered-by: helm4 and helm3 render this field differently (expected "v4.1.4", actual "v3.18.0")',
      ],
    },
    {
      item: '7. the api container below its 300 s minimum',
      edits: [{ file: `${BILLING}api-deployment.yaml`, replace: 'periodSeconds: 10, failureThreshold: 30', with: 'periodSeconds: 10, failureThreshold: 20' }],
      lines: [
        '[probes] chart billing · cell defaults · helm4 · Deployment/billing/billing-api · spec.template.spec.containers[api].startupProbe: startup budget 200s is below the chart minimum 300s (expected ≥ 300s (failureThreshold × periodSeconds + initialDelaySeconds), actual 20 × 10s + 0s = 200s)',
      ],
    },
    {
      item: '7. the native-sidecar bridge below its own minimum',
      edits: [{ file: `${BILLING}api-deployment.yaml`, replace: 'periodSeconds: 5, failureThreshold: 3', with: 'periodSeconds: 2, failureThreshold: 3' }],
      lines: [
        '[probes] chart billing · cell defaults · helm4 · Deployment/billing/billing-api · spec.template.spec.initContainers[bridge].livenessProbe: startup budget 6s is below the container bridge minimum 15s (expected ≥ 15s (failureThreshold × periodSeconds + initialDelaySeconds), actual 3 × 2s + 0s = 6s)',
      ],
    },
    {
      item: '8. nothing to check fails where expectContracts asks for it',
      edits: [{ file: 'suite.yaml', replace: '    expectContracts: [probes]\n', with: '    expectContracts: [probes, secret-refs]\n' }],
      lines: [
        '[secret-refs] chart status-page · cell default · helm4 · (render): nothing to check: no secret reference found (expected a Pod template reading a Secret (env, envFrom, volume, imagePullSecrets) or a pinned secret ref, actual none)',
      ],
    },
    {
      item: '10. a renamed Service behind a one-label name (http://billing-ledger:8080)',
      edits: [
        {
          file: `${BILLING}ledger.yaml`,
          replace: 'name: {{ .Release.Name }}-ledger\nspec:\n  selector: {',
          with: 'name: {{ .Release.Name }}-ledgers\nspec:\n  selector: {',
        },
      ],
      lines: [
        `${API}.env[LEDGER_URL].value: http://billing-ledger:8080 names no Service: no Service billing-ledger in namespace billing (services there: billing-api, billing-ledgers) (expected a Service billing-ledger in namespace billing, actual none (billing-api:8080, billing-ledgers:8080))`,
      ],
    },
    {
      item: '10. a wrong port behind a two-label name (http://billing-api.billing:8081)',
      edits: [{ file: 'repo/charts/podinfo/values.yaml', replace: 'http://billing-api.billing:8080', with: 'http://billing-api.billing:8081' }],
      lines: [
        `[service-dns] ${PODINFO} · helm4 · ${DEP}.containers[podinfo].env[PODINFO_BACKEND_URL].value: http://billing-api.billing:8081 names port 8081, which Service billing-api in namespace billing does not expose (expected a port of Service billing-api in namespace billing (8080), actual 8081)`,
      ],
    },
    {
      item: '11. env drift behind a container named podinfo by the chart and podinfod by the raw manifests',
      edits: [{ file: RAW, replace: 'value: "#34577c"', with: 'value: "#ff0000"' }],
      lines: [
        `[dual-mode-env] ${PODINFO} · helm4 vs kustomize · ${DEP}.containers[podinfo].env[PODINFO_UI_COLOR].value: env PODINFO_UI_COLOR of container podinfo differs between helm and kustomize (expected value "#34577c", actual value "#ff0000")`,
      ],
    },
    {
      item: '12. the raw manifests lose their readinessProbe',
      edits: [{ file: RAW, replace: '          readinessProbe: { httpGet: { path: /readyz, port: http } }\n', with: '' }],
      lines: [
        `[probes] ${PODINFO} · kustomize · ${DEP}.containers[podinfod].readinessProbe: container podinfod has no readinessProbe (expected a readinessProbe, actual (absent))`,
        `[dual-mode-env] ${PODINFO} · helm4 vs kustomize · ${DEP}.containers[podinfo].readinessProbe: readinessProbe of container podinfo is set by helm but missing from kustomize (expected {"httpGet":{"path":"/readyz","port":"http"}}, actual (absent))`,
      ],
    },
    {
      item: '12. a wrong Service URL inside an env difference allowed on purpose',
      edits: [{ file: RAW, replace: 'http://billing-api.billing.svc.cluster.local:8080', with: 'http://billing.billing.svc.cluster.local:8080' }],
      lines: [
        `[service-dns] ${PODINFO} · kustomize · ${DEP}.containers[podinfod].env[PODINFO_BACKEND_URL].value: http://billing.billing.svc.cluster.local:8080 names no Service: no Service billing in namespace billing (services there: ${KIT_SERVICES}) (expected a Service billing in namespace billing, actual none (${KIT_PORTS}))`,
      ],
    },
    {
      item: '12. the raw manifests listen on another port',
      edits: [{ file: RAW, replace: '{ name: http, containerPort: 9898, protocol: TCP }', with: '{ name: http, containerPort: 9797, protocol: TCP }' }],
      lines: [
        `[dual-mode-env] ${PODINFO} · helm4 vs kustomize · ${DEP}.containers[podinfo].ports: the ports of container podinfo differ between helm and kustomize (expected http:9898/TCP, actual http:9797/TCP)`,
      ],
    },
    {
      item: '12. the raw manifests mount another ConfigMap',
      edits: [{ file: RAW, replace: 'configMap: { name: podinfo-config }', with: 'configMap: { name: podinfo-settings }' }],
      lines: [
        `[dual-mode-env] ${PODINFO} · helm4 vs kustomize · ${DEP}.volumes[config]: volume config mounts another source in helm and kustomize (expected configMap podinfo-config, actual configMap podinfo-settings)`,
      ],
    },
  ])('$item', async ({ edits, lines }) => {
    const found = await linesOf(edits);
    for (const line of lines) expect(found, found.join('\n')).toContain(line);
  });

  it('9. a variables file that is neither under the root nor next to the config is named with both places', async () => {
    await withPatchedCopy(
      EXAMPLE,
      [{ file: 'suite.yaml', replace: 'variablesFile: cluster-vars.yaml', with: 'variablesFile: cluster-vars.yml' }],
      async (dir) => {
        const config = path.join(dir, 'suite.yaml');
        await expect(openSuite({ root: path.join(dir, 'repo'), configFile: config })).rejects.toThrow(
          `${config}:15: bootstrapKit.variablesFile cluster-vars.yml: no such file under ${path.join(dir, 'repo')} nor next to ${config}`,
        );
      },
    );
  });

  it('9. an absolute variables file path is read (a variable it lacks fails in strict mode)', async () => {
    await withPatchedCopy(EXAMPLE, [{ file: 'cluster-vars.yaml', replace: 'DASHBOARD_HOST: billing.example.com\n', with: '' }], async (dir) => {
      const abs = path.join(dir, 'cluster-vars.yaml');
      await withPatchedCopy(EXAMPLE, [{ file: 'suite.yaml', replace: 'variablesFile: cluster-vars.yaml', with: `variablesFile: ${abs}` }], async (other) => {
        await expect(openSuite({ root: path.join(other, 'repo'), configFile: path.join(other, 'suite.yaml') })).rejects.toThrow('DASHBOARD_HOST');
      });
    });
  });

  it('the example itself is never written', async () => {
    expect(await hashTree(EXAMPLE)).toBe(before);
  });
});
