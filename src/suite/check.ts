// Runs every contract on every subject (chart × cell × helm major) of a suite: the one
// loop behind `npm run check`, the bump script and the report.
import { ALL_CONTRACTS, contractApplies, evaluateContract, needRenders } from '../contracts/index.js';
import { notValidated } from '../contracts/schema.js';
import type { Contract, ContractId, NondeterministicPath, Violation, World } from '../contracts/types.js';
import { UserError } from '../errors.js';
import type { HelmRendererId } from '../model/release.js';
import type { Suite } from './session.js';
import { cellsOf, renderMany } from './renders.js';
import { buildWorld, planRenders, suiteWorld } from './world.js';

export interface CheckRow {
  chart: string;
  cell: string;
  renderer: HelmRendererId;
  contract: ContractId;
  /** False when the contract has no business with this subject (e.g. dual-mode on a helm-only chart). */
  applies: boolean;
  violations: Violation[];
  /** The contract applies but found nothing to check (and the config does not expect it to): the reason. */
  nothingToCheck?: string;
}

/** A subject that could not be rendered: its contracts cannot run. */
export interface RenderFailure {
  chart: string;
  cell: string;
  renderer: HelmRendererId;
  message: string;
}

/** A field of a chart × cell that renders differently each time (paths only: never the values). */
export interface NondeterministicFinding extends NondeterministicPath {
  chart: string;
  cell: string;
}

/** Something a renderer did that the user should know (e.g. dependencies stubbed), once per chart and text. */
export interface RenderNote {
  chart: string;
  note: string;
}

export interface CheckResult {
  rows: CheckRow[];
  failures: RenderFailure[];
  /** Renderer notes of the subjects' renders, each once per chart. */
  notes: RenderNote[];
  /** Fields found changing between two renders of the same cell: excluded from helm-parity and diffs. */
  nondeterministic: NondeterministicFinding[];
}

export interface CheckOptions {
  /** Chart ids to check (default: all). */
  charts?: string[];
  /** Contracts to run (default: all). */
  contracts?: Contract[];
  /** Parallel renders while pre-rendering. */
  concurrency?: number;
  /** Called as each pre-render finishes (the CLI shows it on a terminal). */
  progress?: (done: number, total: number) => void;
}

export async function checkSuite(suite: Suite, opts: CheckOptions = {}): Promise<CheckResult> {
  const charts = opts.charts ?? suite.charts.map((c) => c.config.id);
  const contracts = opts.contracts ?? ALL_CONTRACTS;
  // Render everything up front, in parallel; failures surface per subject below. Contracts that
  // read no render (version-lockstep) alone: nothing is rendered or read.
  const renders = needRenders(contracts);
  if (renders) await renderMany(suite, planRenders(suite, charts), opts.concurrency ?? 2, opts.progress);
  const rows: CheckRow[] = [];
  const failures: RenderFailure[] = [];
  const nondeterministic: NondeterministicFinding[] = [];
  // How the Flux kit was read (clusters, external releases, sources not followed): in every report.
  const notes: RenderNote[] = suite.kitNotes.map((note) => ({ chart: 'flux kit', note }));
  for (const chart of charts) {
    // Kinds the schema contract had no schema for: listed once per chart, never a silent pass.
    const unvalidated = new Set<string>();
    for (const cell of cellsOf(suite, chart)) {
      const worlds: World[] = [];
      for (const renderer of suite.config.defaults.renderers) {
        try {
          worlds.push(renders ? await buildWorld(suite, chart, cell, renderer) : suiteWorld(suite, chart, cell, renderer));
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          failures.push({ chart, cell: cell.name, renderer, message: err.message });
        }
      }
      // One probe per chart × cell: every renderer's world carries the same list, listed once.
      const probed = worlds.find((w) => w.nondeterministic)?.nondeterministic ?? [];
      nondeterministic.push(...probed.map((n) => ({ chart, cell: cell.name, ...n })));
      for (const world of worlds) {
        for (const note of world.releases[0]?.notes ?? []) {
          if (!notes.some((n) => n.chart === chart && n.note === note)) notes.push({ chart, note });
        }
        for (const c of contracts) {
          const applies = contractApplies(c, world);
          const outcome = applies ? evaluateContract(c, world) : { violations: [] };
          rows.push({ chart, cell: cell.name, renderer: world.subject.renderer, contract: c.id, applies, ...outcome });
          // What the contract took on trust or decided for the user (a cluster secret, a container pairing).
          for (const note of applies ? (c.notes?.(world) ?? []) : []) {
            if (!notes.some((n) => n.chart === chart && n.note === note)) notes.push({ chart, note });
          }
          if (applies && c.id === 'schema') for (const t of notValidated(world)) unvalidated.add(t);
        }
      }
    }
    if (unvalidated.size) notes.push({ chart, note: `schema: not validated (no built-in type or CRD for them): ${[...unvalidated].sort().join(', ')}` });
  }
  return { rows, failures, notes, nondeterministic };
}
