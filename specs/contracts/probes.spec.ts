import { describe, expect, it } from 'vitest';
import { probes } from '../../src/contracts/probes.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Manifest } from '../../src/manifests/types.js';
import '../support/matchers.js';
import {
  chartFacts,
  container,
  cronJob,
  daemonSet,
  deployment,
  expectNoSecretDataInViolations,
  job,
  NEWAPI,
  NEWAPI_NS,
  probe,
  release,
  secret,
  statefulSet,
  world,
  type ContainerOptions,
  type Obj,
} from '../support/world-builder.js';

/** bp-newapi's container as 1.4.33 renders it: 30 × 10s startup budget, probes on the named port. */
function newapiContainer(o: ContainerOptions = {}): Obj {
  return container('newapi', {
    ports: ['http:3000'],
    readinessProbe: probe.http('http'),
    livenessProbe: probe.http(3000),
    startupProbe: probe.http('http', { failureThreshold: 30, periodSeconds: 10 }),
    ...o,
  });
}

function fixture(objects: Manifest[], o: { min?: number; exempt?: string[] } = {}) {
  return world({
    subject: { chart: NEWAPI },
    charts: [chartFacts(NEWAPI, '1.4.33', { minStartupSeconds: o.min ?? 300, exempt: o.exempt ?? ['Deployment/newapi-bp-newapi/metrics-proxy'] })],
    releases: [release(NEWAPI, NEWAPI_NS, [...objects, secret('newapi-session', NEWAPI_NS)])],
  });
}

const newapi = (c: Obj[] = [newapiContainer()], init?: Obj[]) => deployment('newapi-bp-newapi', { containers: c, initContainers: init });
const P = '[probes] chart bp-newapi · cell default · helm4 · Deployment/newapi/newapi-bp-newapi · spec.template.spec';

describe('probes', () => {
  it('always applies', () => expect(probes.appliesTo(fixture([newapi()]))).toBe(true));

  it.each<{ name: string; objects: Manifest[]; min?: number }>([
    { name: 'bp-newapi 1.4.33: startupProbe 30 × 10s, probes on declared ports', objects: [newapi()] },
    { name: 'an exempt sidecar without probes', objects: [newapi([newapiContainer(), container('metrics-proxy')])] },
    {
      name: 'hook Jobs, CronJobs and plain init containers need no probes',
      objects: [newapi([newapiContainer()], [container('wait-for-db')]), job('newapi-db-sync'), cronJob('newapi-cleanup')],
    },
    {
      name: 'a liveness-only budget that meets the minimum',
      objects: [newapi([newapiContainer({ startupProbe: undefined, livenessProbe: probe.tcp(3000, { initialDelaySeconds: 240, periodSeconds: 20 }) })])],
    },
    { name: 'no minimum configured', objects: [newapi([newapiContainer({ startupProbe: probe.exec({ failureThreshold: 1, periodSeconds: 1 }) })])], min: 0 },
    {
      name: 'grpc and exec probes',
      objects: [
        statefulSet('newapi-grpc', {
          containers: [container('g', { ports: [9090], readinessProbe: probe.grpc(9090), livenessProbe: probe.exec({ failureThreshold: 30 }) })],
        }),
      ],
    },
  ])('passes: $name', ({ objects, min }) => {
    expect(probes.check(fixture(objects, { min }))).toHaveNoViolations();
  });

  it.each<{ name: string; objects: Manifest[]; lines: string[] }>([
    {
      name: 'startupProbe 10 × 10s',
      objects: [newapi([newapiContainer({ startupProbe: probe.http('http', { failureThreshold: 10, periodSeconds: 10 }) })])],
      lines: [
        `${P}.containers[newapi].startupProbe: startup budget 100s is below the chart minimum 300s (expected ≥ 300s (failureThreshold × periodSeconds + initialDelaySeconds), actual 10 × 10s + 0s = 100s)`,
      ],
    },
    {
      name: 'no startupProbe: the liveness defaults give 3 × 10s',
      objects: [newapi([newapiContainer({ startupProbe: undefined })])],
      lines: [
        `${P}.containers[newapi].livenessProbe: startup budget 30s is below the chart minimum 300s (expected ≥ 300s (failureThreshold × periodSeconds + initialDelaySeconds), actual 3 × 10s + 0s = 30s)`,
      ],
    },
    {
      name: 'initialDelaySeconds counts',
      objects: [newapi([newapiContainer({ startupProbe: probe.http('http', { initialDelaySeconds: 20, failureThreshold: 5, periodSeconds: 5 }) })])],
      lines: [
        `${P}.containers[newapi].startupProbe: startup budget 45s is below the chart minimum 300s (expected ≥ 300s (failureThreshold × periodSeconds + initialDelaySeconds), actual 5 × 5s + 20s = 45s)`,
      ],
    },
    {
      name: 'no readiness and no liveness probe',
      objects: [newapi([newapiContainer({ readinessProbe: undefined, livenessProbe: undefined })])],
      lines: [
        `${P}.containers[newapi].readinessProbe: container newapi has no readinessProbe (expected a readinessProbe, actual (absent))`,
        `${P}.containers[newapi].livenessProbe: container newapi has no livenessProbe (expected a livenessProbe, actual (absent))`,
      ],
    },
    {
      name: 'a probe on an undeclared port',
      objects: [newapi([newapiContainer({ readinessProbe: probe.http(8080) })])],
      lines: [
        `${P}.containers[newapi].readinessProbe.httpGet.port: readinessProbe port 8080 is not a declared containerPort of container newapi (expected one of the declared ports (http:3000), actual 8080)`,
      ],
    },
    {
      name: 'a probe on an undeclared port name',
      objects: [newapi([newapiContainer({ livenessProbe: probe.tcp('metrics') })])],
      lines: [
        `${P}.containers[newapi].livenessProbe.tcpSocket.port: livenessProbe port "metrics" is not a declared containerPort of container newapi (expected one of the declared ports (http:3000), actual "metrics")`,
      ],
    },
    {
      name: 'probes on a container that declares no port',
      objects: [newapi([newapiContainer({ ports: undefined })])],
      lines: [
        `${P}.containers[newapi].readinessProbe.httpGet.port: readinessProbe port "http" is not a declared containerPort of container newapi (expected one of the declared ports (none), actual "http")`,
        `${P}.containers[newapi].livenessProbe.httpGet.port: livenessProbe port 3000 is not a declared containerPort of container newapi (expected one of the declared ports (none), actual 3000)`,
        `${P}.containers[newapi].startupProbe.httpGet.port: startupProbe port "http" is not a declared containerPort of container newapi (expected one of the declared ports (none), actual "http")`,
      ],
    },
    {
      name: 'a sidecar that is not exempt, and a native sidecar init container',
      objects: [
        newapi(
          [newapiContainer(), container('proxy')],
          [container('log-shipper', { restartPolicy: 'Always', readinessProbe: probe.exec(), livenessProbe: probe.exec() })],
        ),
      ],
      lines: [
        `${P}.containers[proxy].readinessProbe: container proxy has no readinessProbe (expected a readinessProbe, actual (absent))`,
        `${P}.containers[proxy].livenessProbe: container proxy has no livenessProbe (expected a livenessProbe, actual (absent))`,
        `${P}.initContainers[log-shipper].livenessProbe: startup budget 30s is below the chart minimum 300s (expected ≥ 300s (failureThreshold × periodSeconds + initialDelaySeconds), actual 3 × 10s + 0s = 30s)`,
      ],
    },
    {
      name: 'StatefulSets and DaemonSets are long-running too',
      objects: [
        statefulSet('newapi-cache', { containers: [container('cache')] }),
        daemonSet('newapi-node', { containers: [container('node', { readinessProbe: probe.exec(), livenessProbe: probe.exec({ failureThreshold: 30 }) })] }),
      ],
      lines: [
        '[probes] chart bp-newapi · cell default · helm4 · StatefulSet/newapi/newapi-cache · spec.template.spec.containers[cache].readinessProbe: container cache has no readinessProbe (expected a readinessProbe, actual (absent))',
        '[probes] chart bp-newapi · cell default · helm4 · StatefulSet/newapi/newapi-cache · spec.template.spec.containers[cache].livenessProbe: container cache has no livenessProbe (expected a livenessProbe, actual (absent))',
      ],
    },
  ])('fails: $name', ({ objects, lines }) => {
    expect(probes.check(fixture(objects)).map(formatViolation)).toEqual(lines);
  });

  it('has nothing to check without a long-running workload', () => {
    expect(probes.check(fixture([job('newapi-db-sync'), cronJob('newapi-cleanup')])).map(formatViolation)).toEqual([
      '[probes] chart bp-newapi · cell default · helm4 · (render): nothing to check: no long-running workload (Deployment, StatefulSet, DaemonSet) found (expected at least one Deployment, StatefulSet or DaemonSet, actual none)',
    ]);
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
