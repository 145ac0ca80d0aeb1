// Resources gated on a capability (`--api-versions`) or on a value vanish silently when the
// gate is off. The config names, per chart and per cell, what must be rendered; absence fails.
import { formatRef, refOf } from '../manifests/types.js';
import type { Contract, Violation } from './types.js';
import { ABSENT, OBJECT_PATH, violation } from './violation.js';
import { parseRef, refMatches, subjectRelease } from './workloads.js';

const ID = 'required-resources' as const;

export const requiredResources: Contract = {
  id: ID,
  summary: 'every resource the config requires for the chart and cell (capability- or value-gated) is rendered',
  // Opt-in: only charts or cells that list requiredResources have something to check.
  appliesTo: (world) => (world.requiredResources ?? []).length > 0,
  check(world) {
    const manifests = subjectRelease(world)?.manifests ?? [];
    const out: Violation[] = [];
    for (const entry of world.requiredResources ?? []) {
      const want = parseRef(entry);
      if (manifests.some((m) => refMatches(want, m))) continue;
      const sameKind = manifests.filter((m) => m.kind === want.kind).map((m) => formatRef(refOf(m)));
      out.push(
        violation(world, ID, {
          resource: want,
          path: OBJECT_PATH,
          message: `required ${entry} is not rendered (is it gated on a capability missing from apiVersions, or on a value this cell does not set?)`,
          expected: entry,
          actual: sameKind.length ? `${ABSENT}; ${want.kind} rendered: ${sameKind.join(', ')}` : `${ABSENT}; no ${want.kind} rendered`,
        }),
      );
    }
    return out;
  },
};
