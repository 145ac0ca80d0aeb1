// Long-running containers have readiness and liveness probes, enough startup budget
// for the chart's slowest start, and probe ports the container declares.
import type { ProbeConfig } from '../config/types.js';
import type { Contract, Violation, World } from './types.js';
import { ABSENT, nothingToCheck, quote, violation, withoutKustomizeEchoes } from './violation.js';
import {
  containersOf,
  isObj,
  kindName,
  LONG_RUNNING_KINDS,
  objs,
  podTemplates,
  str,
  subjectFacts,
  subjectRenders,
  type ContainerInfo,
  type Obj,
} from './workloads.js';

const ID = 'probes' as const;

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const REQUIRED = ['readinessProbe', 'livenessProbe'] as const;
const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export const probes: Contract = {
  id: ID,
  summary: 'long-running containers have readiness and liveness probes, the startup budget, and probes on declared ports',
  appliesTo: () => true,
  check(world) {
    const config = subjectFacts(world)?.config.probes ?? { minStartupSeconds: 0, exempt: [] };
    // Selected by kind, hook or not: Jobs/CronJobs run to completion and are skipped; a hook Deployment's Pods keep running after the hook like any other, so it is checked.
    // The kustomize render of a dual-mode chart runs Pods too: checked the same way.
    const templates = subjectRenders(world).flatMap((r) =>
      podTemplates(r.manifests)
        .filter((t) => LONG_RUNNING_KINDS.includes(t.workload.kind))
        .map((t) => ({ t, renderer: r.renderer === 'kustomize' ? 'kustomize' : undefined })),
    );
    if (templates.length === 0) {
      return [
        nothingToCheck(world, ID, 'no long-running workload (Deployment, StatefulSet, DaemonSet) found', {
          expected: 'at least one Deployment, StatefulSet or DaemonSet',
          actual: 'none',
        }),
      ];
    }
    const out: Violation[] = [];
    for (const { t, renderer } of templates) {
      // Native sidecars (init containers with restartPolicy Always) run as long as the Pod.
      const containers = containersOf(t).filter((c) => !c.init || c.spec.restartPolicy === 'Always');
      for (const c of containers) {
        const exempt = config.exempt.includes(`${kindName(t.workload)}/${c.name}`);
        const found = checkContainer(world, c, exempt, minStartupOf(config, c));
        out.push(...(renderer ? found.map((v) => ({ ...v, renderer })) : found));
      }
    }
    return withoutKustomizeEchoes(out);
  },
};

/** A container's startup minimum: its own entry, else the chart's when the chart's applies to it, else none. */
export function minStartupOf(config: ProbeConfig, c: ContainerInfo): { seconds: number; whose: string } {
  const keys = [`${kindName(c.template.workload)}/${c.name}`, c.name];
  const own = keys.map((k) => config.minStartupByContainer?.[k]).find((n) => n !== undefined);
  if (own !== undefined) return { seconds: own, whose: `container ${c.name}` };
  const named = config.minStartupContainers;
  if (named !== undefined && !keys.some((k) => named.includes(k))) return { seconds: 0, whose: 'chart' };
  return { seconds: config.minStartupSeconds, whose: 'chart' };
}

function checkContainer(world: World, c: ContainerInfo, exempt: boolean, min: { seconds: number; whose: string }): Violation[] {
  const minStartup = min.seconds;
  const out: Violation[] = [];
  const resource = c.template.workload;
  const what = `${c.init ? 'sidecar' : 'container'} ${c.name}`;
  if (!exempt) {
    for (const probe of REQUIRED) {
      if (!isObj(c.spec[probe])) {
        out.push(violation(world, ID, { resource, path: `${c.path}.${probe}`, message: `${what} has no ${probe}`, expected: `a ${probe}`, actual: ABSENT }));
      }
    }
  }

  // Startup budget: how long the kubelet waits before killing a container that is still starting.
  const startup = isObj(c.spec.startupProbe) ? 'startupProbe' : isObj(c.spec.livenessProbe) ? 'livenessProbe' : undefined;
  if (startup && minStartup > 0) {
    const p = c.spec[startup] as Obj;
    const failureThreshold = num(p.failureThreshold, 3);
    const period = num(p.periodSeconds, 10);
    const delay = num(p.initialDelaySeconds, 0);
    const budget = failureThreshold * period + delay;
    if (budget < minStartup) {
      out.push(
        violation(world, ID, {
          resource,
          path: `${c.path}.${startup}`,
          message: `startup budget ${budget}s is below the ${min.whose} minimum ${minStartup}s`,
          expected: `≥ ${minStartup}s (failureThreshold × periodSeconds + initialDelaySeconds)`,
          actual: `${failureThreshold} × ${period}s + ${delay}s = ${budget}s`,
        }),
      );
    }
  }

  // Probe ports must be ports the container declares (by number or by name).
  const ports = objs(c.spec.ports);
  const numbers = ports.map((p) => p.containerPort).filter((p): p is number => typeof p === 'number');
  const names = ports.map((p) => str(p.name)).filter((n): n is string => n !== undefined);
  const declared = ports.length
    ? ports.map((p) => (str(p.name) ? `${String(p.name)}:${String(p.containerPort)}` : String(p.containerPort))).join(', ')
    : 'none';
  for (const probe of PROBES) {
    const p = c.spec[probe];
    if (!isObj(p)) continue;
    for (const handler of PORT_HANDLERS) {
      const h = p[handler];
      if (!isObj(h) || h.port === undefined) continue;
      const port = h.port;
      const ok = typeof port === 'number' ? numbers.includes(port) : typeof port === 'string' && names.includes(port);
      if (ok) continue;
      const shown = typeof port === 'number' ? String(port) : quote(String(port));
      out.push(
        violation(world, ID, {
          resource,
          path: `${c.path}.${probe}.${handler}.port`,
          message: `${probe} port ${shown} is not a declared containerPort of ${what}`,
          expected: `one of the declared ports (${declared})`,
          actual: shown,
        }),
      );
    }
  }
  return out;
}

function num(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}
