// The contracts the suite proves, and running them against one subject.
import { dualModeEnv } from './dual-mode-env.js';
import { helmParity } from './helm-parity.js';
import { pinnedEnv } from './pinned-env.js';
import { probes } from './probes.js';
import { reflector } from './reflector.js';
import { requiredResources } from './required-resources.js';
import { schema } from './schema.js';
import { secretRefs } from './secret-refs.js';
import { serviceDns } from './service-dns.js';
import { templateResidue } from './template-residue.js';
import type { Contract, Violation, World } from './types.js';
import { versionLockstep } from './version-lockstep.js';
import { subjectFacts } from './workloads.js';

export { dualModeEnv, helmParity, pinnedEnv, probes, reflector, requiredResources, secretRefs, serviceDns, templateResidue, versionLockstep };
export { schema };
export { formatViolation } from './violation.js';

export const ALL_CONTRACTS: Contract[] = [
  requiredResources,
  dualModeEnv,
  secretRefs,
  pinnedEnv,
  reflector,
  serviceDns,
  probes,
  templateResidue,
  versionLockstep,
  helmParity,
  schema,
];

/** Contract ids, for validating names a user gives (config skipContracts, --contract). */
export const CONTRACT_IDS: readonly string[] = ALL_CONTRACTS.map((c) => c.id);

/** A contract concerns a subject unless its chart's config skips it or the contract itself says no. */
export function contractApplies(contract: Contract, world: World): boolean {
  return !subjectFacts(world)?.config.skipContracts.includes(contract.id) && contract.appliesTo(world);
}

/** Violations of every given contract that applies to the world, in contract order. */
export function runContracts(world: World, contracts: Contract[] = ALL_CONTRACTS): Violation[] {
  return contracts.filter((c) => contractApplies(c, world)).flatMap((c) => c.check(world));
}
