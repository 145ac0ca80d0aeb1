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
import { NOTHING_TO_CHECK } from './violation.js';
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

/** Whether any of `contracts` reads renders (see Contract.needsRenders): if none does, nothing is rendered. */
export function needRenders(contracts: readonly Contract[]): boolean {
  return contracts.some((c) => c.needsRenders !== false);
}

/** A contract concerns a subject unless its chart's config skips it or the contract itself says no. */
export function contractApplies(contract: Contract, world: World): boolean {
  return !subjectFacts(world)?.config.skipContracts.includes(contract.id) && contract.appliesTo(world);
}

/** The outcome of one contract on one subject: its violations, or "nothing to check" with the reason. */
export interface ContractOutcome {
  violations: Violation[];
  /** Set when the contract found nothing to check and the chart's config does not expect it to: its own state, not a failure. */
  nothingToCheck?: string;
}

/** Whether the subject's chart expects the contract to find something (config expectContracts; `all`: every contract). */
export function expectsContract(world: World, id: string): boolean {
  const expected = subjectFacts(world)?.config.expectContracts ?? [];
  return expected.includes('all') || expected.includes(id);
}

/** A violation that says the contract found nothing to check. */
export function isNothingToCheck(v: Violation): boolean {
  return v.message.startsWith(NOTHING_TO_CHECK);
}

/**
 * Runs one contract: a lone "nothing to check" finding is its own state (with the reason),
 * unless the chart's config expects this contract to find something, where it stays a failure.
 */
export function evaluateContract(contract: Contract, world: World): ContractOutcome {
  const violations = contract.check(world);
  const [only] = violations;
  if (violations.length === 1 && isNothingToCheck(only) && !expectsContract(world, contract.id)) {
    return { violations: [], nothingToCheck: only.message.slice(NOTHING_TO_CHECK.length).trim() };
  }
  return { violations };
}

/** Violations of every given contract that applies to the world, in contract order. */
export function runContracts(world: World, contracts: Contract[] = ALL_CONTRACTS): Violation[] {
  return contracts.filter((c) => contractApplies(c, world)).flatMap((c) => c.check(world));
}
