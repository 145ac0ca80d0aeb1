// Negative corpus: run chosen contracts on the real renders (helm 4 / helm 3 / kubectl
// kustomize) of a temp copy of charts-under-test with one known-bad patch applied, and
// return the violations as formatViolation lines, sorted, for exact comparison.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CONTRACTS, formatViolation, runContracts } from '../../../src/contracts/index.js';
import type { ContractId } from '../../../src/contracts/types.js';
import { loadPatchFile, withPatchedCopy, type PatchEdit } from '../../support/fixtures/patch-set.js';
import type { HelmRendererId } from '../../../src/model/release.js';
import { openSuite, type Suite } from '../../../src/suite/session.js';
import { cellsOf } from '../../../src/suite/renders.js';
import { buildWorld } from '../../../src/suite/world.js';

export const CHARTS_ROOT = fileURLToPath(new URL('../../../charts-under-test/', import.meta.url));
const NEGATIVE_DIR = path.join(CHARTS_ROOT, 'negative');
const PRE_FIX_PATCHES = path.join(CHARTS_ROOT, 'pre-fix/patches.yaml');

/** The cells the corpus checks: the kit-values cells with the bootstrap kit's own options. */
export const NEWAPI_CELL = 'kit.off.on.route';
export const CATALYST_CELL = 'kit.off';
/** The catalyst cell compared with the kustomize render (suite.yaml kustomizeCells). */
export const DUAL_MODE_CELL = 'defaults.off';

/** One subject (chart × cell × helm major) and the contracts to run on it. */
export interface Probe {
  chart: string;
  cell: string;
  /** Default: helm4 (the first renderer, so helm-parity compares it against helm3). */
  renderer?: HelmRendererId;
  contracts: ContractId[];
}

/** A patch file of the negative corpus (charts-under-test/negative/<name>.yaml). */
export function loadVariant(name: string): Promise<PatchEdit[]> {
  return loadPatchFile(path.join(NEGATIVE_DIR, `${name}.yaml`));
}

export function loadPreFix(): Promise<PatchEdit[]> {
  return loadPatchFile(PRE_FIX_PATCHES);
}

/** Sorted formatViolation lines of `probe` on an opened suite; a contract that does not apply yields none. */
async function linesOf(suite: Suite, probe: Probe): Promise<string[]> {
  const cell = cellsOf(suite, probe.chart).find((c) => c.name === probe.cell);
  if (!cell)
    throw new Error(
      `chart ${probe.chart} has no cell ${probe.cell} (cells: ${cellsOf(suite, probe.chart)
        .map((c) => c.name)
        .join(', ')})`,
    );
  const world = await buildWorld(suite, probe.chart, cell, probe.renderer ?? 'helm4');
  const contracts = ALL_CONTRACTS.filter((c) => probe.contracts.includes(c.id));
  if (contracts.length !== probe.contracts.length) throw new Error(`unknown contract among ${probe.contracts.join(', ')}`);
  // runContracts drops contracts that do not apply (appliesTo, the chart's skipContracts).
  return runContracts(world, contracts).map(formatViolation).sort();
}

/** Lines of each probe, in order, on one opened suite. */
async function linesOfEach(suite: Suite, probes: Probe[]): Promise<string[][]> {
  const out: string[][] = [];
  for (const p of probes) out.push(await linesOf(suite, p));
  return out;
}

/** Lines of each probe on a temp copy of charts-under-test with `edits` applied. */
export function checkPatched(edits: PatchEdit[], probes: Probe[]): Promise<string[][]> {
  return withPatchedCopy(CHARTS_ROOT, edits, async (dir) => linesOfEach(await openSuite({ root: dir }), probes));
}

let pristine: Promise<Suite> | undefined;

/** charts-under-test opened once per spec file (renders are memoized per suite). */
function pristineSuite(): Promise<Suite> {
  pristine ??= openSuite({ root: CHARTS_ROOT });
  return pristine;
}

/** Lines of each probe on charts-under-test itself (read only, opened once per spec file). */
export async function checkPristine(probes: Probe[]): Promise<string[][]> {
  return linesOfEach(await pristineSuite(), probes);
}

// ---------------------------------------------------------------------------
// One known-bad variant as a spec: the patch bites exactly as expected, and the
// unpatched tree is silent on the same subjects and contracts.

export interface Variant {
  /** Patch file under charts-under-test/negative/ (without `.yaml`), or `pre-fix` for pre-fix/patches.yaml. */
  patch: string;
  /** What the patch breaks, in words (test title). */
  what: string;
  probes: Probe[];
  /** Every formatViolation line the probes report on the patched copy (compared sorted). */
  expected: string[];
}

function editsOf(patch: string): Promise<PatchEdit[]> {
  return patch === 'pre-fix' ? loadPreFix() : loadVariant(patch);
}

function contractsOf(v: Variant): string {
  return [...new Set(v.probes.flatMap((p) => p.contracts))].join(' + ');
}

function subjectsOf(v: Variant): string {
  return v.probes.map((p) => `${p.chart} · ${p.cell} · ${p.renderer ?? 'helm4'}`).join('; ');
}

/** Contracts some variant's expected lines show biting (`[contract] …`), for the coverage check. */
export const bitten = new Set<string>();

export function describeVariant(v: Variant): void {
  for (const line of v.expected) bitten.add(/^\[([a-z-]+)\]/.exec(line)?.[1] ?? '');
  const contracts = contractsOf(v);
  describe(`${v.patch}: ${v.what} → ${contracts}`, () => {
    it(`reports exactly ${v.expected.length} ${contracts} violation(s) on ${subjectsOf(v)}`, async () => {
      const lines = (await checkPatched(await editsOf(v.patch), v.probes)).flat().sort();
      expect(lines).toEqual([...v.expected].sort());
    });
    it(`the unpatched tree reports no ${contracts} violation on the same subjects`, async () => {
      expect((await checkPristine(v.probes)).flat()).toEqual([]);
    });
  });
}
