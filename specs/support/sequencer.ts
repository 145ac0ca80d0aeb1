// Shards by measured duration instead of vitest's default (an even split of files by a
// hash of their path), which put the three slowest spec files in one shard. Every shard
// computes the same deterministic split from specs/shard-weights.json (seconds per file,
// measured on a full run); a file with no weight counts as the median.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const WEIGHTS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'shard-weights.json');

export function readWeights(file = WEIGHTS_FILE): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Longest-processing-time-first packing: each file, heaviest first, goes to the lightest shard. */
export function splitByWeight(files: string[], weights: Record<string, number>, count: number): string[][] {
  const known = Object.values(weights).sort((a, b) => a - b);
  const fallback = known.length ? known[Math.floor(known.length / 2)] : 1;
  const weightOf = (f: string) => weights[f] ?? fallback;
  const ordered = [...files].sort((a, b) => weightOf(b) - weightOf(a) || (a < b ? -1 : a > b ? 1 : 0));
  const shards = Array.from({ length: count }, () => ({ files: [] as string[], total: 0 }));
  for (const f of ordered) {
    const target = shards.reduce((best, s) => (s.total < best.total ? s : best), shards[0]);
    target.files.push(f);
    target.total += weightOf(f);
  }
  return shards.map((s) => s.files);
}

/** Heaviest first (stable for equal weights), so a long file never starts last and leaves one worker running alone at the end. */
export function orderByWeight(files: string[], weights: Record<string, number>): string[] {
  const known = Object.values(weights).sort((a, b) => a - b);
  const fallback = known.length ? known[Math.floor(known.length / 2)] : 1;
  const weightOf = (f: string) => weights[f] ?? fallback;
  return files
    .map((f, i) => ({ f, i, w: weightOf(f) }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .map((x) => x.f);
}

export default class WeightedSequencer extends BaseSequencer {
  // vitest's own order (failed first, then longest by its results cache) falls back to file size
  // without that cache, as on CI: there the committed weights order each project instead.
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const { root } = this.ctx.config;
    const rel = (spec: TestSpecification) => path.relative(root, spec.moduleId).split(path.sep).join('/');
    const cached = (spec: TestSpecification) => this.ctx.cache.getFileTestResults(`${spec.project.name}:${path.relative(root, spec.moduleId)}`);
    if (base.every((spec) => cached(spec))) return base;
    const out: TestSpecification[] = [];
    // Projects stay in vitest's order; within each, heaviest first.
    for (const name of [...new Set(base.map((spec) => spec.project.name))]) {
      const mine = base.filter((spec) => spec.project.name === name);
      const byRel = new Map(mine.map((spec) => [rel(spec), spec]));
      out.push(...orderByWeight([...byRel.keys()], readWeights()).map((f) => byRel.get(f)!));
    }
    return out;
  }

  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { root, shard } = this.ctx.config;
    if (!shard) return files;
    const rel = (spec: TestSpecification) => path.relative(root, spec.moduleId).split(path.sep).join('/');
    const mine = new Set(splitByWeight(files.map(rel), readWeights(), shard.count)[shard.index - 1]);
    return files.filter((f) => mine.has(rel(f)));
  }
}
