// What a bench figure is, and the context every figure runs in. To add a figure: write
// `scripts/bench/<id>.ts` exporting a `Figure`, and add it to `registry.ts`.
import path from 'node:path';
import type { Suite } from '../../src/suite/session.js';
import type { RenderJob } from '../../src/suite/renders.js';
import { snapshotTree } from '../shards.js';
import { freshCache, log } from './measure.js';
import { vitestRun, type VitestRun } from './vitest-run.js';

/** One line of the printed table: figure, measured, goal, met (undefined = no goal), note. */
export interface Row {
  what: string;
  figure: string;
  goal: string;
  met: boolean | undefined;
  note?: string;
}

export interface FigureResult {
  /** Top-level keys merged into bench/results.json (e.g. `{ limit: {...} }`). */
  results: Record<string, unknown>;
  rows: Row[];
  /** Unrounded figures later figures read (`ctx.internal`), not written out. */
  internal?: Record<string, unknown>;
}

export interface Figure {
  /** The `--only` name. */
  id: string;
  title: string;
  /** Figures whose results this one reads from `ctx.results`; they run first. */
  needs?: string[];
  run(ctx: BenchContext): Promise<FigureResult>;
}

export interface BenchContext {
  suite: Suite;
  /** The suite's unique renders. */
  jobs: RenderJob[];
  /** Scratch directory, removed at the end. */
  tmp: string;
  /** Renders run this many at a time. */
  parallel: number;
  /** `--copies` (figure scale). */
  copies: number[];
  /** Results of the figures that ran before (see `Figure.needs`). */
  results: Record<string, unknown>;
  /** `internal` of the figures that ran before. */
  internal: Record<string, unknown>;
  /** A snapshot of the working tree, made once, so parallel edits cannot skew vitest runs. */
  snapshot(): Promise<string>;
  /** The cache the full runs use (warm after `fullRuns`). */
  mainCache: string;
  /** The full `vitest run`, cold on an empty cache then warm on the same one, made once (figures cold and shards). */
  fullRuns(): Promise<{ cold: VitestRun; warm: VitestRun }>;
}

export function benchContext(base: Pick<BenchContext, 'suite' | 'jobs' | 'tmp' | 'parallel' | 'copies'>): BenchContext {
  let tree: string | undefined;
  let full: { cold: VitestRun; warm: VitestRun } | undefined;
  const mainCache = path.join(base.tmp, 'cache-main');
  const snapshot = async () => (tree ??= await snapshotTree(path.join(base.tmp, 'tree')));
  return {
    ...base,
    results: {},
    internal: {},
    snapshot,
    mainCache,
    async fullRuns() {
      if (full) return full;
      log('cold npm test (empty render cache)');
      await freshCache(base.tmp, 'cache-main');
      const cold = await vitestRun(await snapshot(), [], { HCT_CACHE_DIR: mainCache });
      log('warm npm test (full render cache)');
      const warm = await vitestRun(await snapshot(), [], { HCT_CACHE_DIR: mainCache });
      return (full = { cold, warm });
    },
  };
}
