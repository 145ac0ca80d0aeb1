// Issue 13 on the workload contracts (probes, helm-parity, dual-mode-env) and the
// "nothing to check" state: the alarm each rule must not raise, the break it must catch.
import { describe, expect, it } from 'vitest';
import { dualModeEnv } from '../../src/contracts/dual-mode-env.js';
import { helmParity } from '../../src/contracts/helm-parity.js';
import { evaluateContract, secretRefs } from '../../src/contracts/index.js';
import { probes } from '../../src/contracts/probes.js';
import type { World } from '../../src/contracts/types.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Manifest } from '../../src/manifests/types.js';
import { summarize } from '../../src/report/summary.js';
import { formatText } from '../../src/report/text.js';
import { formatReport } from '../../src/report/write.js';
import type { ChartConfig } from '../../src/config/types.js';
import '../support/matchers.js';
import { chartFacts, container, deployment, env, manifest, probe, release, service, workload, world, type Obj } from '../support/world-builder.js';

const NS = 'apps';
const lines = (w: World, c: { check(w: World): ReturnType<typeof probes.check> }) => c.check(w).map(formatViolation);
const ok = { readinessProbe: probe.http(8080), livenessProbe: probe.http(8080), ports: [8080] };

describe('probes', () => {
  function app(o: { facts?: Parameters<typeof chartFacts>[2]; sidecarPeriod?: number; kustomize?: Manifest[] } = {}): World {
    const api = deployment('api', {
      namespace: NS,
      containers: [
        container('api', { ...ok, startupProbe: probe.http(8080, { failureThreshold: 30, periodSeconds: 10 }) }),
        container('metrics', { ports: [9102], readinessProbe: probe.http(9102), livenessProbe: probe.http(9102, { periodSeconds: o.sidecarPeriod ?? 10 }) }),
      ],
    });
    return world({
      subject: { chart: 'app' },
      charts: [chartFacts('app', '1.0.0', { minStartupSeconds: 300, ...o.facts })],
      releases: [release('app', NS, [api])],
      ...(o.kustomize ? { kustomize: release('app', NS, o.kustomize, { renderer: 'kustomize' }) } : {}),
    });
  }
  const METRICS = '[probes] chart app · cell default · helm4 · Deployment/apps/api · spec.template.spec.containers[metrics].livenessProbe';

  it('7. by default the minimum applies to every container (as before)', () => {
    expect(lines(app(), probes)).toEqual([
      `${METRICS}: startup budget 30s is below the chart minimum 300s (expected ≥ 300s (failureThreshold × periodSeconds + initialDelaySeconds), actual 3 × 10s + 0s = 30s)`,
    ]);
  });

  it('7. minStartupContainers names the containers it applies to (by name or Kind/name/container)', () => {
    expect(probes.check(app({ facts: { minStartupContainers: ['api'] } }))).toHaveNoViolations();
    expect(probes.check(app({ facts: { minStartupContainers: ['Deployment/api/api'] } }))).toHaveNoViolations();
    expect(lines(app({ facts: { minStartupContainers: ['metrics'] } }), probes)).toHaveLength(1);
  });

  it("7. minStartupByContainer sets a container's own minimum", () => {
    expect(probes.check(app({ facts: { minStartupContainers: ['api'], minStartupByContainer: { metrics: 30 } } }))).toHaveNoViolations();
    expect(lines(app({ facts: { minStartupContainers: ['api'], minStartupByContainer: { metrics: 30 } }, sidecarPeriod: 5 }), probes)).toEqual([
      `${METRICS}: startup budget 15s is below the container metrics minimum 30s (expected ≥ 30s (failureThreshold × periodSeconds + initialDelaySeconds), actual 3 × 5s + 0s = 15s)`,
    ]);
  });

  it('12. the kustomize render is checked too', () => {
    const raw = deployment('api', {
      namespace: NS,
      containers: [container('api', { ports: [8080], livenessProbe: probe.http(8080, { failureThreshold: 30, periodSeconds: 10 }) })],
    });
    expect(lines(app({ facts: { minStartupContainers: ['api'] }, kustomize: [raw] }), probes)).toEqual([
      '[probes] chart app · cell default · kustomize · Deployment/apps/api · spec.template.spec.containers[api].readinessProbe: container api has no readinessProbe (expected a readinessProbe, actual (absent))',
    ]);
  });
});

describe('helm-parity: 6. randomly named objects', () => {
  const testPod = (suffix: string, image = 'curl:8') =>
    manifest(
      'Pod',
      'v1',
      `app-test-${suffix}`,
      NS,
      { spec: { containers: [{ name: 'curl', image, args: [`--name=app-test-${suffix}`] }] } },
      { annotations: { 'helm.sh/hook': 'test' } },
    );
  function parity(a: Manifest, b: Manifest, listed = true): World {
    const both = [service('app', NS, [80])];
    return world({
      subject: { chart: 'app', renderer: 'helm4' },
      charts: [chartFacts('app', '1.0.0')],
      releases: [release('app', NS, [...both, a], { renderer: 'helm4' })],
      parity: release('app', NS, [...both, b], { renderer: 'helm3' }),
      nondeterministic: listed ? [{ resource: { kind: 'Pod', namespace: NS, name: a.name }, path: '(object)' }] : [],
    });
  }
  const same = (m: Manifest) => ({ ...m, source: 'app/templates/tests/test.yaml' });

  it('a helm test Pod named with randAlphaNum is one object on both sides', () => {
    expect(helmParity.check(parity(same(testPod('ab1cd')), same(testPod('zz9yx'))))).toHaveNoViolations();
  });

  it('the rest of it is still compared', () => {
    expect(lines(parity(same(testPod('ab1cd')), same(testPod('zz9yx', 'curl:9'))), helmParity)).toEqual([
      '[helm-parity] chart app · cell default · helm4 vs helm3 · Pod/apps/app-test-ab1cd · spec.containers[curl].image: helm4 and helm3 render this field differently (expected "curl:8", actual "curl:9")',
    ]);
  });

  it('objects of other templates, or not listed as nondeterministic, are not paired', () => {
    expect(lines(parity(same(testPod('ab1cd')), testPod('zz9yx')), helmParity)).toEqual([
      '[helm-parity] chart app · cell default · helm4 vs helm3 · Pod/apps/app-test-zz9yx · (object): object rendered by helm3 but not by helm4 (expected (absent), actual Pod/apps/app-test-zz9yx)',
    ]);
    expect(lines(parity(same(testPod('ab1cd')), same(testPod('zz9yx')), false), helmParity)).toHaveLength(2);
  });
});

describe('dual-mode-env: 11. renamed containers, 12. probes, ports, mounted Secrets/ConfigMaps', () => {
  interface Side {
    name?: string;
    probe?: Obj;
    port?: number;
    configMap?: string;
    color?: string;
    sidecar?: boolean;
  }
  const dep = (s: Side) =>
    workload('Deployment', 'podinfo', {
      namespace: NS,
      containers: [
        container(s.name ?? 'podinfo', {
          ports: [`http:${s.port ?? 9898}`],
          readinessProbe: s.probe ?? probe.http('http'),
          livenessProbe: probe.http('http'),
          env: [env.value('COLOR', s.color ?? 'blue')],
        }),
        ...(s.sidecar ? [container('log-shipper')] : []),
      ],
      volumes: [{ name: 'config', configMap: { name: s.configMap ?? 'podinfo-config' } }],
    });
  function dual(helm: Side, kust: Side, config: Partial<Pick<ChartConfig, 'dualModeAllowed' | 'dualModeContainers'>> = {}): World {
    return world({
      subject: { chart: 'podinfo' },
      charts: [chartFacts('podinfo', '6.7.1', { kustomizeDir: 'kustomize', ...config })],
      releases: [release('podinfo', NS, [dep(helm)])],
      kustomize: release('podinfo', NS, [dep(kust)], { renderer: 'kustomize' }),
    });
  }
  const P = '[dual-mode-env] chart podinfo · cell default · helm4 vs kustomize · Deployment/apps/podinfo · spec.template.spec';

  it('one container on each side: paired, said in a note; the env drift behind it is found', () => {
    const w = dual({}, { name: 'podinfod', color: 'red' });
    expect(dualModeEnv.notes?.(w)).toEqual([
      'Deployment/podinfo: container podinfo (helm) and podinfod (kustomize) are compared as one (the only one on each side)',
    ]);
    expect(lines(w, dualModeEnv)).toEqual([
      `${P}.containers[podinfo].env[COLOR].value: env COLOR of container podinfo differs between helm and kustomize (expected value "blue", actual value "red")`,
    ]);
  });

  it('more containers: dualModeContainers maps the names; without it both are reported', () => {
    const mapped = dual(
      { sidecar: true },
      { name: 'podinfod', sidecar: true },
      { dualModeContainers: [{ workload: 'Deployment/podinfo', helm: 'podinfo', kustomize: 'podinfod' }] },
    );
    expect(dualModeEnv.check(mapped)).toHaveNoViolations();
    expect(lines(dual({ sidecar: true }, { name: 'podinfod', sidecar: true }), dualModeEnv)).toEqual([
      `${P}.containers[podinfo]: container podinfo is rendered by helm but not by kustomize (expected container podinfo, actual (absent))`,
      `${P}.containers[podinfod]: container podinfod is rendered by kustomize but not by helm (expected (absent), actual container podinfod)`,
    ]);
  });

  it.each<{ name: string; kust: Side; line: string }>([
    {
      name: 'a probe',
      kust: { probe: { httpGet: { path: '/ready', port: 'http' } } },
      line: `${P}.containers[podinfo].readinessProbe: readinessProbe of container podinfo differs between helm and kustomize (expected {"httpGet":{"path":"/healthz","port":"http"}}, actual {"httpGet":{"path":"/ready","port":"http"}})`,
    },
    {
      name: 'a port',
      kust: { port: 9797 },
      line: `${P}.containers[podinfo].ports: the ports of container podinfo differ between helm and kustomize (expected http:9898/TCP, actual http:9797/TCP)`,
    },
    {
      name: 'a mounted ConfigMap',
      kust: { configMap: 'other' },
      line: `${P}.volumes[config]: volume config mounts another source in helm and kustomize (expected configMap podinfo-config, actual configMap other)`,
    },
  ])('12. $name that differs is reported', ({ kust, line }) => {
    expect(lines(dual({}, kust), dualModeEnv)).toEqual([line]);
  });

  it('6. a helm test Pod (hook test) is a hook like the others: not expected in the raw manifests', () => {
    const w = dual({}, {});
    const testPod = { ...workload('Pod', 'podinfo-test-x1y2z', { namespace: NS }), hooks: ['test'] };
    w.releases[0] = release('podinfo', NS, [...w.releases[0].manifests, testPod]);
    expect(dualModeEnv.check(w)).toHaveNoViolations();
  });

  it('12. the same allowance mechanism: by field, and stale when the paths agree again', () => {
    const allowed = { dualModeAllowed: [{ workload: 'Deployment/podinfo', field: 'volumes[config]', reason: 'raw installs ship their own' }] };
    expect(dualModeEnv.check(dual({}, { configMap: 'other' }, allowed))).toHaveNoViolations();
    expect(lines(dual({}, {}, allowed), dualModeEnv)).toEqual([
      `${P.replace(' · spec.template.spec', '')} · dualModeAllowed[Deployment/podinfo: volumes[config]]: allowed difference for volumes[config] of Deployment/podinfo is stale: helm and kustomize no longer differ there; remove it from dualModeAllowed (expected a difference (raw installs ship their own), actual no difference)`,
    ]);
  });
});

describe('8. nothing to check', () => {
  const quiet = (expectContracts?: string[]) =>
    world({
      subject: { chart: 'web' },
      charts: [chartFacts('web', '1.0.0', expectContracts ? { expectContracts } : {})],
      releases: [release('web', NS, [deployment('web', { namespace: NS })])],
    });

  it('is its own state with the reason, unless the config expects the contract to find something', () => {
    expect(evaluateContract(secretRefs, quiet())).toEqual({ violations: [], nothingToCheck: 'no secret reference found' });
    expect(evaluateContract(secretRefs, quiet(['secret-refs'])).violations.map(formatViolation)).toEqual([
      '[secret-refs] chart web · cell default · helm4 · (render): nothing to check: no secret reference found (expected a Pod template reading a Secret (env, envFrom, volume, imagePullSecrets) or a pinned secret ref, actual none)',
    ]);
    expect(evaluateContract(secretRefs, quiet(['all'])).violations).toHaveLength(1);
  });

  it('the report shows it apart: neither passed nor failed', () => {
    const row = {
      chart: 'web',
      cell: 'default',
      renderer: 'helm4' as const,
      contract: 'secret-refs' as const,
      applies: true,
      violations: [],
      nothingToCheck: 'no secret reference found',
    };
    const summary = summarize({ rows: [row, { ...row, renderer: 'helm3' }], failures: [], notes: [], nondeterministic: [] });
    expect(summary.totals).toMatchObject({ checks: 1, passed: 0, failed: 0, nothingToCheck: 1 });
    const text = formatText(summary);
    expect(text).toContain('web    default  nothing');
    expect(text).toContain(
      'Nothing to check (neither passed nor failed; expectContracts makes it a failure) (1):\n  web · default · secret-refs: no secret reference found',
    );
    expect(text).toContain('1 chart cells, 1 contract checks: 0 passed, 0 failed, 0 not applicable, 1 nothing to check; 0 violations, 0 render failures');
    expect(formatReport('markdown', summary)).toContain(
      '### Nothing to check (neither passed nor failed; expectContracts makes it a failure) (1)\n\n- web · default · secret-refs: no secret reference found',
    );
    expect(formatReport('junit', summary)).toContain('<skipped message="nothing to check: no secret reference found" />');
    expect(formatReport('html', summary)).toContain('<td class="mark na" title="nothing to check: no secret reference found">nothing</td>');
  });
});
