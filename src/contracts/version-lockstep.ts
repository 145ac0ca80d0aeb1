// The bootstrap kit pins exactly the Chart.yaml version of every chart of the suite,
// and installs no chart the suite does not know.
import { pinHolds } from '../render/flux.js';
import type { FluxHelmRelease } from '../render/flux-types.js';
import type { Contract, Violation } from './types.js';
import { ABSENT, nothingToCheck, violation } from './violation.js';
import { helmReleaseRef, subjectFacts } from './workloads.js';

const ID = 'version-lockstep' as const;

export const versionLockstep: Contract = {
  id: ID,
  summary: "the bootstrap-kit HelmRelease pins the chart's Chart.yaml version, and only suite charts are installed",
  // Chart.yaml versions against the kit's pins: no render.
  needsRenders: false,
  appliesTo: () => true,
  check(world) {
    const facts = subjectFacts(world);
    if (!facts) {
      return [
        nothingToCheck(world, ID, `no Chart.yaml facts for chart ${world.subject.chart}`, {
          expected: `chart ${world.subject.chart} among the suite charts`,
          actual: world.charts.map((c) => c.config.id).join(', ') || 'none',
        }),
      ];
    }
    const out: Violation[] = [];
    const pins = world.helmReleases.filter((hr) => hr.chart === facts.name);
    if (pins.length === 0) {
      out.push(
        violation(world, ID, {
          path: 'spec.chart.spec.chart',
          message: `no bootstrap-kit HelmRelease installs chart ${facts.name}`,
          expected: `a HelmRelease pinning ${facts.name} ${facts.version}`,
          actual: 'none',
        }),
      );
    }
    for (const hr of pins) {
      if (pinHolds(hr, facts.version)) continue;
      out.push(violation(world, ID, { resource: helmReleaseRef(hr), ...pinFinding(hr, facts.name, facts.version) }));
    }
    // Kit-wide finding, reported once: with the first chart of the suite as subject.
    if (world.charts[0]?.config.id === world.subject.chart) {
      const known = new Set(world.charts.map((c) => c.name));
      for (const hr of world.helmReleases) {
        if (known.has(hr.chart)) continue;
        out.push(
          violation(world, ID, {
            resource: helmReleaseRef(hr),
            path: 'spec.chart.spec.chart',
            message: `HelmRelease installs chart ${hr.chart}, which is not a chart of the suite`,
            expected: `one of ${[...known].join(', ')}`,
            actual: hr.chart,
          }),
        );
      }
    }
    return out;
  },
};

/** What is wrong with a pin that does not let Flux install the Chart.yaml version, naming the cluster when there are several. */
function pinFinding(hr: FluxHelmRelease, chart: string, version: string): { path: string; message: string; expected: string; actual: string } {
  const path = hr.versionField ?? 'spec.chart.spec.version';
  const kit = hr.cluster ? `cluster ${hr.cluster}` : 'bootstrap kit';
  if (hr.versionKind === 'unpinned') {
    return {
      path,
      message: `${kit} leaves ${chart} unpinned (Flux installs whatever ${hr.chartSource ?? 'its source'} holds) but Chart.yaml is ${version}`,
      expected: version,
      actual: 'unpinned',
    };
  }
  if (hr.versionKind === 'range') {
    return {
      path,
      message: `${kit} pins ${chart} to range ${hr.version}, which Chart.yaml ${version} does not satisfy`,
      expected: `a range satisfied by ${version}`,
      actual: hr.version,
    };
  }
  return {
    path,
    message: `${kit} pins ${chart} ${hr.version || '(no version)'} but Chart.yaml is ${version}`,
    expected: version,
    actual: hr.version || ABSENT,
  };
}
