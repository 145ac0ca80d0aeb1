// Negative corpus, issue 4 — every contract shown to bite: one small known-bad patch
// per variant (charts-under-test/negative/*.yaml), applied to a temp copy of the charts
// and checked on the real helm / kubectl kustomize renders. Each variant asserts the
// exact violation lines, and that the unpatched tree is silent on the same subjects.
import { describe, expect, it } from 'vitest';
import { ALL_CONTRACTS } from '../../src/contracts/index.js';
import { openSuite } from '../../src/suite/session.js';
import { cellsOf, renderJob } from '../../src/suite/renders.js';
import { resolveTools } from '../../src/tools/resolve.js';
import { withPatchedCopy } from '../support/fixtures/patch-set.js';
import { hashTree } from '../../src/render/cache.js';
import { bitten, CATALYST_CELL, CHARTS_ROOT, DUAL_MODE_CELL, describeVariant, loadVariant, NEWAPI_CELL } from './support/negative.js';

const before = await hashTree(CHARTS_ROOT);
const tools = await resolveTools();

const CATALYST_API = 'Deployment/catalyst-system/catalyst-api';
const NEWAPI_DEPLOYMENT = 'Deployment/newapi/newapi-bp-newapi';
const ADMIN_TOKEN_ES = 'ExternalSecret/newapi/catalyst-newapi-admin-token';

// --- dual-mode-env -----------------------------------------------------------------

describeVariant({
  patch: 'kustomize-port-drift',
  what: 'the Kustomize sibling of catalyst-api sets PORT 8081 (Helm: 8080)',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['dual-mode-env'] }],
  expected: [
    `[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · ${CATALYST_API} · spec.template.spec.containers[api].env[PORT].value: env PORT of container api differs between helm and kustomize (expected value "8080", actual value "8081")`,
  ],
});

describeVariant({
  patch: 'kustomize-configmap-drift',
  what: 'the Kustomize sibling of catalyst-api-config sets another CORS_ORIGIN (same configMapKeyRef on both sides)',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['dual-mode-env'] }],
  expected: [
    `[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_CORS_ORIGIN].valueFrom.configMapKeyRef: env CATALYST_CORS_ORIGIN of container api reads ConfigMap catalyst-api-config key CORS_ORIGIN, whose value differs between helm and kustomize (expected value "https://console.openova.io", actual value "https://console.example.invalid")`,
    `[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · Deployment/catalyst-system/catalyst-ui · spec.template.spec.containers[ui].env[CATALYST_PUBLIC_ORIGIN].valueFrom.configMapKeyRef: env CATALYST_PUBLIC_ORIGIN of container ui reads ConfigMap catalyst-api-config key CORS_ORIGIN, whose value differs between helm and kustomize (expected value "https://console.openova.io", actual value "https://console.example.invalid")`,
  ],
});

describeVariant({
  patch: 'kustomize-optional-flipped',
  what: 'CATALYST_NEWAPI_ADMIN_TOKEN optional: false in the Kustomize sibling only (secret-refs checks helm renders: silent)',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['dual-mode-env', 'secret-refs'] }],
  expected: [
    `[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.optional: env CATALYST_NEWAPI_ADMIN_TOKEN of container api differs between helm and kustomize (expected secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true, actual secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false)`,
  ],
});

describeVariant({
  patch: 'kustomize-readiness-dropped',
  what: 'the Kustomize sibling of catalyst-api has no readinessProbe (issue 13: the raw path is checked too)',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['dual-mode-env', 'probes'] }],
  expected: [
    `[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · ${CATALYST_API} · spec.template.spec.containers[api].readinessProbe: readinessProbe of container api is set by helm but missing from kustomize (expected {"httpGet":{"path":"/readyz","port":"http"},"periodSeconds":10,"failureThreshold":3}, actual (absent))`,
    `[probes] chart bp-catalyst-platform · cell defaults.off · kustomize · ${CATALYST_API} · spec.template.spec.containers[api].readinessProbe: container api has no readinessProbe (expected a readinessProbe, actual (absent))`,
  ],
});

describeVariant({
  patch: 'helm-optional-flipped',
  what: 'CATALYST_NEWAPI_ADMIN_TOKEN optional: false in the Helm form only',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['dual-mode-env', 'secret-refs'] }],
  expected: [
    `[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.optional: env CATALYST_NEWAPI_ADMIN_TOKEN of container api differs between helm and kustomize (expected secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false, actual secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true)`,
    `[secret-refs] chart bp-catalyst-platform · cell defaults.off · helm4 · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.optional: pinned env CATALYST_NEWAPI_ADMIN_TOKEN must have optional: true (expected secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true, actual secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false)`,
  ],
});

// --- probes ------------------------------------------------------------------------

describeVariant({
  patch: 'startup-probe-short',
  what: 'bp-newapi startupProbe 10 × 10 s',
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['probes'] }],
  expected: [
    `[probes] chart bp-newapi · cell kit.off.on.route · helm4 · ${NEWAPI_DEPLOYMENT} · spec.template.spec.containers[newapi].startupProbe: startup budget 100s is below the chart minimum 300s (expected ≥ 300s (failureThreshold × periodSeconds + initialDelaySeconds), actual 10 × 10s + 0s = 100s)`,
  ],
});

describeVariant({
  patch: 'probe-undeclared-port',
  what: 'bp-newapi readinessProbe on port 8081, which the container does not declare',
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['probes'] }],
  expected: [
    `[probes] chart bp-newapi · cell kit.off.on.route · helm4 · ${NEWAPI_DEPLOYMENT} · spec.template.spec.containers[newapi].readinessProbe.httpGet.port: readinessProbe port 8081 is not a declared containerPort of container newapi (expected one of the declared ports (http:3000), actual 8081)`,
  ],
});

// --- reflector ---------------------------------------------------------------------

describeVariant({
  patch: 'reflector-comma-quantifier',
  what: 'admin-token reflectorNamespaces "catalyst-system,sandbox-[a-z]{1,3}" (schema pattern dropped)',
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['reflector'] }],
  expected: (['allowed', 'auto'] as const).map(
    (k) =>
      `[reflector] chart bp-newapi · cell kit.off.on.route · helm4 · ${ADMIN_TOKEN_ES} · spec.target.template.metadata.annotations[reflector.v1.k8s.emberstack.com/reflection-${k}-namespaces]: reflection-${k}-namespaces contains the quantifier {1,3}: reflector splits the list on commas, so it becomes "catalyst-system", "sandbox-[a-z]{1", "3}" (expected comma-separated regexes without a comma inside any of them, actual "catalyst-system,sandbox-[a-z]{1,3}")`,
  ),
});

describe('reflector-comma-quantifier-values-only: the same list through values alone → stopped by values.schema.json before any contract runs', () => {
  it('helm 4 refuses to render bp-newapi, naming the value and the schema pattern', async () => {
    const edits = await loadVariant('reflector-comma-quantifier-values-only');
    const failure = await withPatchedCopy(CHARTS_ROOT, edits, async (dir) => {
      const suite = await openSuite({ root: dir });
      const cell = cellsOf(suite, 'bp-newapi').find((c) => c.name === NEWAPI_CELL)!;
      return renderJob(suite, { chart: 'bp-newapi', cell, renderer: 'helm4' }).then(
        () => 'rendered',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
    });
    expect(failure).toContain('render failed: chart bp-newapi, cell kit.off.on.route, renderer helm4\n');
    expect(failure).toContain(
      "\n  - at '/catalystIntegration/externalSecret/reflectorNamespaces': 'catalyst-system,sandbox-[a-z]{1,3}' does not match pattern '^[A-Za-z0-9.*_-]+(,[A-Za-z0-9.*_-]+)*$'",
    );
  });
});

describeVariant({
  patch: 'reflector-misses-consumer',
  what: 'admin-token mirrored into "sandbox", catalyst-api reads it (optional) in catalyst-system',
  probes: [
    { chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['reflector'] },
    { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, contracts: ['secret-refs'] },
  ],
  expected: (['allowed', 'auto'] as const).map(
    (k) =>
      `[reflector] chart bp-newapi · cell kit.off.on.route · helm4 · ${ADMIN_TOKEN_ES} · spec.target.template.metadata.annotations[reflector.v1.k8s.emberstack.com/reflection-${k}-namespaces]: secret catalyst-newapi-admin-token is not mirrored into namespace catalyst-system, where ${CATALYST_API} reads it: reflection-${k}-namespaces does not match catalyst-system (expected namespace catalyst-system matched by reflection-${k}-namespaces, actual "sandbox")`,
  ),
});

describeVariant({
  patch: 'reflector-misses-required-consumer',
  what: 'admin-token mirrored into "sandbox", catalyst-api reads it with optional: false',
  probes: [
    { chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['reflector'] },
    { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, contracts: ['secret-refs'] },
  ],
  expected: [
    ...(['allowed', 'auto'] as const).map(
      (k) =>
        `[reflector] chart bp-newapi · cell kit.off.on.route · helm4 · ${ADMIN_TOKEN_ES} · spec.target.template.metadata.annotations[reflector.v1.k8s.emberstack.com/reflection-${k}-namespaces]: secret catalyst-newapi-admin-token is not mirrored into namespace catalyst-system, where ${CATALYST_API} reads it: reflection-${k}-namespaces does not match catalyst-system (expected namespace catalyst-system matched by reflection-${k}-namespaces, actual "sandbox")`,
    ),
    `[secret-refs] chart bp-catalyst-platform · cell kit.off · helm4 · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.name: secret catalyst-newapi-admin-token read by env CATALYST_NEWAPI_ADMIN_TOKEN of container api is not produced in namespace catalyst-system (expected Secret catalyst-newapi-admin-token in namespace catalyst-system (a Secret, an ExternalSecret target or a reflector mirror), or optional: true, actual none in catalyst-system; produced only by target of ExternalSecret/newapi/catalyst-newapi-admin-token, not mirrored into catalyst-system)`,
    `[secret-refs] chart bp-catalyst-platform · cell kit.off · helm4 · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.optional: pinned env CATALYST_NEWAPI_ADMIN_TOKEN must have optional: true (expected secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true, actual secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false)`,
  ],
});

// --- service-dns -------------------------------------------------------------------

describeVariant({
  patch: 'valkey-nxdomain',
  what: 'pre-1.4.29 Valkey default valkey.valkey.svc.cluster.local',
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['service-dns'] }],
  expected: [
    `[service-dns] chart bp-newapi · cell kit.off.on.route · helm4 · ${NEWAPI_DEPLOYMENT} · spec.template.spec.containers[newapi].env[REDIS_CONN_STRING].value: redis://valkey.valkey.svc.cluster.local:6379 names no Service: no Service valkey in namespace valkey (services there: valkey-primary) (expected a Service valkey in namespace valkey, actual none (valkey-primary:6379))`,
  ],
});

// --- required-resources ------------------------------------------------------------

describeVariant({
  patch: 'required-capability-missing',
  what: 'bp-newapi rendered without the external-secrets.io/v1beta1 capability: the gated admin-token ExternalSecret vanishes',
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['required-resources'] }],
  expected: [
    `[required-resources] chart bp-newapi · cell kit.off.on.route · helm4 · ${ADMIN_TOKEN_ES} · (object): required ${ADMIN_TOKEN_ES} is not rendered (is it gated on a capability missing from apiVersions, or on a value this cell does not set?) (expected ${ADMIN_TOKEN_ES}, actual (absent); no ExternalSecret rendered)`,
  ],
});

// --- template-residue --------------------------------------------------------------

describeVariant({
  patch: 'kustomize-template-residue',
  what: 'the Kustomize sibling of catalyst-api keeps a Helm expression as its PORT',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['template-residue', 'dual-mode-env'] }],
  expected: [
    `[template-residue] chart bp-catalyst-platform · cell defaults.off · kustomize · ${CATALYST_API} · spec.template.spec.containers[api].env[PORT].value: a Helm template expression was left in the kustomize output (kustomization.yaml): the cluster receives it verbatim (expected no {{ or }} in rendered output, actual "{{ .Values.api.port | default \\"8080\\" }}")`,
    `[dual-mode-env] chart bp-catalyst-platform · cell defaults.off · helm4 vs kustomize · ${CATALYST_API} · spec.template.spec.containers[api].env[PORT].value: env PORT of container api differs between helm and kustomize (expected value "8080", actual value "{{ .Values.api.port | default \\"8080\\" }}")`,
  ],
});

// --- helm-parity -------------------------------------------------------------------

describeVariant({
  patch: 'helm-version-annotation',
  what: 'bp-newapi Deployment annotated with .Capabilities.HelmVersion.Version',
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['helm-parity'] }],
  expected: [
    // The versions are those of the pinned binaries (HELM_BIN / HELM3_BIN may override them).
    `[helm-parity] chart bp-newapi · cell kit.off.on.route · helm4 vs helm3 · ${NEWAPI_DEPLOYMENT} · metadata.annotations.newapi.openova.io/rendered-by: helm4 and helm3 render this field differently (expected "${tools.helm4.version}", actual "${tools.helm3.version}")`,
  ],
});

// --- version-lockstep --------------------------------------------------------------

describeVariant({
  patch: 'lockstep-unknown-chart',
  what: 'a bootstrap-kit slot installs bp-valkey, not a chart of the suite (reported once, with the first chart)',
  probes: [
    { chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['version-lockstep'] },
    { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, contracts: ['version-lockstep'] },
  ],
  expected: [
    '[version-lockstep] chart bp-newapi · cell kit.off.on.route · helm4 · HelmRelease/flux-system/bp-valkey · spec.chart.spec.chart: HelmRelease installs chart bp-valkey, which is not a chart of the suite (expected one of bp-newapi, bp-catalyst-platform, actual bp-valkey)',
  ],
});

describeVariant({
  patch: 'lockstep-pin-mismatch',
  what: 'slot 13 pins bp-catalyst-platform 1.4.226, Chart.yaml is 1.4.225',
  probes: [
    { chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['version-lockstep'] },
    { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, contracts: ['version-lockstep'] },
  ],
  expected: [
    '[version-lockstep] chart bp-catalyst-platform · cell kit.off · helm4 · HelmRelease/flux-system/bp-catalyst-platform · spec.chart.spec.version: bootstrap kit pins bp-catalyst-platform 1.4.226 but Chart.yaml is 1.4.225 (expected 1.4.225, actual 1.4.226)',
  ],
});

// --- schema --------------------------------------------------------------------------

const SCHEMA_OF_DEPLOYMENT = '(schema of apps/v1 Deployment: kubernetes-models 5.1.0)';
const UNKNOWN = 'the schema does not declare it, so the API server rejects or silently drops it';

describeVariant({
  patch: 'schema-misspelt-field',
  what: 'bp-newapi readinessProbe failureTreshold (misspelt)',
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['schema'] }],
  expected: [
    `[schema] chart bp-newapi · cell kit.off.on.route · helm4 · ${NEWAPI_DEPLOYMENT} · spec.template.spec.containers[newapi].readinessProbe.failureTreshold: unknown field failureTreshold: ${UNKNOWN} ${SCHEMA_OF_DEPLOYMENT} (expected no unknown field, actual 3)`,
  ],
});

describeVariant({
  patch: 'schema-wrong-type',
  what: 'bp-newapi containerPort "3000" (a string), by helm 4 and helm 3',
  probes: (['helm4', 'helm3'] as const).map((renderer) => ({ chart: 'bp-newapi', cell: NEWAPI_CELL, renderer, contracts: ['schema' as const] })),
  expected: ['helm4', 'helm3'].map(
    (r) =>
      `[schema] chart bp-newapi · cell kit.off.on.route · ${r} · ${NEWAPI_DEPLOYMENT} · spec.template.spec.containers[newapi].ports[http].containerPort: string where the schema expects integer ${SCHEMA_OF_DEPLOYMENT} (expected type integer, actual "3000")`,
  ),
});

describeVariant({
  patch: 'schema-missing-required',
  what: 'bp-newapi volumeMount without its name',
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['schema'] }],
  expected: [
    `[schema] chart bp-newapi · cell kit.off.on.route · helm4 · ${NEWAPI_DEPLOYMENT} · spec.template.spec.containers[newapi].volumeMounts[0].name: required field name is missing ${SCHEMA_OF_DEPLOYMENT} (expected required field, actual (absent))`,
  ],
});

const QUOTA = 'ChannelQuota/newapi/newapi-bp-newapi-default';
const SCHEMA_OF_QUOTA =
  '(schema of newapi.openova.io/v1alpha1 ChannelQuota: CRD channelquotas.newapi.openova.io (platform/newapi/chart/crds/channelquotas.newapi.openova.io.yaml))';

describeVariant({
  patch: 'schema-bad-cr-field',
  what: "a ChannelQuota with a string rate and a misspelt burst, against the chart's crds/ CRD (int-or-string window and preserved labels pass)",
  probes: [{ chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['schema'] }],
  expected: [
    `[schema] chart bp-newapi · cell kit.off.on.route · helm4 · ${QUOTA} · spec.brust: unknown field brust: ${UNKNOWN} ${SCHEMA_OF_QUOTA} (expected no unknown field, actual 100)`,
    `[schema] chart bp-newapi · cell kit.off.on.route · helm4 · ${QUOTA} · spec.requestsPerMinute: string where the schema expects integer ${SCHEMA_OF_QUOTA} (expected type integer, actual "600")`,
  ],
});

describeVariant({
  patch: 'schema-kustomize-enum',
  what: 'the Kustomize sibling of the catalyst-api Service says type ClusterIp',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['schema'] }],
  expected: [
    '[schema] chart bp-catalyst-platform · cell defaults.off · kustomize · Service/catalyst-system/catalyst-api · spec.type: not one of the values the schema allows (schema of v1 Service: kubernetes-models 5.1.0) (expected one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort", actual "ClusterIp")',
  ],
});

describeVariant({
  patch: 'schema-kit-annotation',
  what: 'the kit ghcr-pull Secret annotation reflection-allowed: true (a boolean), reported once with the first chart',
  probes: [
    { chart: 'bp-newapi', cell: NEWAPI_CELL, contracts: ['schema'] },
    { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, contracts: ['schema'] },
  ],
  expected: [
    '[schema] chart bp-newapi · cell kit.off.on.route · bootstrap kit · Secret/flux-system/ghcr-pull · metadata.annotations.reflector.v1.k8s.emberstack.com/reflection-allowed: boolean where the schema expects string (schema of v1 Secret: kubernetes-models 5.1.0) (expected type string, actual true)',
  ],
});

describe('charts-under-test', () => {
  it('is byte-identical after every corpus variant ran', async () => {
    expect(await hashTree(CHARTS_ROOT)).toBe(before);
  });
});

// --- pinned-env (issue 15) ---------------------------------------------------------

const PIN_URL = 'expected value "http://newapi-bp-newapi.newapi.svc.cluster.local:3000", actual value "http://newapi.newapi.svc"';
const PIN_TOKEN = 'expected secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=true';
const pinLines = (cell: string, renderer: string, where: string) => [
  `[pinned-env] chart bp-catalyst-platform · cell ${cell} · ${renderer} · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value: pinned env CATALYST_NEWAPI_ADDR differs from its pin in the ${where} render (${PIN_URL})`,
  `[pinned-env] chart bp-catalyst-platform · cell ${cell} · ${renderer} · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN]: pinned env CATALYST_NEWAPI_ADMIN_TOKEN is missing from the ${where} render (${PIN_TOKEN}, actual (absent))`,
];

describeVariant({
  patch: 'pre-fix',
  what: 'the pre-fix NXDOMAIN URL and missing token, caught from the suite config pins alone (helm4, helm3 and the Kustomize sibling)',
  probes: [
    { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, renderer: 'helm4', contracts: ['pinned-env'] },
    { chart: 'bp-catalyst-platform', cell: CATALYST_CELL, renderer: 'helm3', contracts: ['pinned-env'] },
    { chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, renderer: 'helm4', contracts: ['pinned-env'] },
  ],
  expected: [
    ...pinLines(CATALYST_CELL, 'helm4', 'helm4'),
    ...pinLines(CATALYST_CELL, 'helm3', 'helm3'),
    ...pinLines(DUAL_MODE_CELL, 'helm4', 'helm4'),
    ...pinLines(DUAL_MODE_CELL, 'kustomize', 'kustomize'),
  ],
});

describeVariant({
  patch: 'kustomize-optional-flipped',
  what: 'CATALYST_NEWAPI_ADMIN_TOKEN optional: false in the Kustomize sibling only: the pin holds in the kustomize render too',
  probes: [{ chart: 'bp-catalyst-platform', cell: DUAL_MODE_CELL, contracts: ['pinned-env'] }],
  expected: [
    `[pinned-env] chart bp-catalyst-platform · cell defaults.off · kustomize · ${CATALYST_API} · spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADMIN_TOKEN].valueFrom.secretKeyRef.optional: pinned env CATALYST_NEWAPI_ADMIN_TOKEN differs from its pin in the kustomize render (${PIN_TOKEN}, actual secretKeyRef catalyst-newapi-admin-token/ADMIN_API_TOKEN optional=false)`,
  ],
});

describe('coverage', () => {
  it('every contract has a known-bad variant that it is shown to catch', () => {
    expect(ALL_CONTRACTS.map((c) => c.id).filter((id) => !bitten.has(id))).toEqual([]);
  });
});
