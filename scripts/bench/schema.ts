// schema: the `schema` contract (issue 18):
//    throughput  10,000 real rendered objects (the suite's renders' objects that have a
//                schema, copied round-robin) validated strictly through a loaded SchemaSet:
//                objects per second (goal: 10,000 in ≤ 2 s on 2 cores), on the first pass
//                (field shapes still to learn) and warm (the median of 3 more passes).
//    check share what schema validation adds to a warm `npm run check` (render cache warm):
//                (importing the built-in validators, timed in a fresh child process, once +
//                every schema.check of an in-process checkSuite, median of 5) ÷ the median
//                wall time of 3 `npm run check` processes.
// `npm run bench -- --only schema` runs it alone.
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { ALL_CONTRACTS } from '../../src/contracts/index.js';
import type { Contract } from '../../src/contracts/types.js';
import type { Manifest } from '../../src/manifests/types.js';
import { renderedCrds, SchemaRegistry } from '../../src/schema/registry.js';
import { checkSuite } from '../../src/suite/check.js';
import { renderJob, type RenderJob } from '../../src/suite/renders.js';
import { openSuite, type Suite } from '../../src/suite/session.js';
import type { Figure } from './figure.js';
import { log, median, r2, timedRuns } from './measure.js';
import { ROOT } from './vitest-run.js';

const OBJECTS = 10_000;
const GOAL_MS = 2000;
const ROUNDS = 5;
const COLD_IMPORT_FLAG = '--cold-import';

async function renderedObjects(suite: Suite, jobs: RenderJob[]): Promise<Manifest[]> {
  const releases = await Promise.all(jobs.map((job) => renderJob(suite, job)));
  return [...releases.flatMap((r) => r.manifests), ...suite.kitObjects];
}

interface Throughput {
  objects: number;
  distinct: number;
  /** First pass: validators loaded, nothing learnt yet (field shapes, JIT). */
  firstMs: number;
  /** Median of the next passes over fresh copies: validators and shapes cached, as across a suite's renders. */
  warmMs: number;
  objectsPerSecond: number;
  warmObjectsPerSecond: number;
  problems: number;
}

/** Strict validation of 10,000 copies through a SchemaSet whose validators are loaded. */
async function throughput(rendered: Manifest[]): Promise<Throughput> {
  const registry = new SchemaRegistry([]);
  await registry.load(rendered);
  const set = registry.view(renderedCrds(rendered));
  // Only objects that have a schema: a kind with none costs nothing and would flatter the figure.
  const distinct = rendered.filter((m) => set.lookup(m.apiVersion, m.kind));
  let problems = 0;
  const pass = (): number => {
    // Copies, so no cache keyed by object identity can make a repeat free.
    const objects = Array.from({ length: OBJECTS }, (_, i) => structuredClone(distinct[i % distinct.length].object));
    const t0 = performance.now();
    objects.forEach((o, i) => {
      const m = distinct[i % distinct.length];
      problems += set.lookup(m.apiVersion, m.kind)?.validate(o, { strict: true }).length ?? 0;
    });
    return performance.now() - t0;
  };
  const firstMs = pass();
  const warmMs = median([pass(), pass(), pass()]);
  const perSecond = (ms: number) => Math.round(OBJECTS / (ms / 1000));
  return {
    objects: OBJECTS,
    distinct: distinct.length,
    firstMs: r2(firstMs),
    warmMs: r2(warmMs),
    objectsPerSecond: perSecond(firstMs),
    warmObjectsPerSecond: perSecond(warmMs),
    problems,
  };
}

/** One check run on a fresh suite: its wall time and the time spent in schema.check. */
async function timedCheck(suite: Suite): Promise<{ wall: number; schema: number }> {
  let schemaMs = 0;
  const timedSchema = (c: Contract): Contract => ({
    ...c,
    check(world) {
      const t = performance.now();
      const out = c.check(world);
      schemaMs += performance.now() - t;
      return out;
    },
  });
  const contracts = ALL_CONTRACTS.map((c) => (c.id === 'schema' ? timedSchema(c) : c));
  const fresh = await openSuite({ root: suite.config.root, configFile: suite.config.file });
  const t0 = performance.now();
  await checkSuite(fresh, { contracts });
  return { wall: performance.now() - t0, schema: schemaMs };
}

/** In a fresh tsx process (as `npm run check` runs): importing every rendered kind's validator. */
async function coldImportMs(): Promise<number> {
  const res = await execa('tsx', ['scripts/bench/schema.ts', COLD_IMPORT_FLAG], { cwd: ROOT, preferLocal: true, stdin: 'ignore' });
  return (JSON.parse(res.stdout) as { coldImportMs: number }).coldImportMs;
}

export const schema: Figure = {
  id: 'schema',
  title: 'schema validation: objects per second, share of npm run check',
  async run({ suite, jobs }) {
    log('schema: validating 10,000 rendered objects');
    const rendered = await renderedObjects(suite, jobs);
    const t = await throughput(rendered);
    log(`schema: check share (${ROUNDS} warm checks, cold import in a child process)`);
    const importMs = await coldImportMs();
    const runs = { checkMs: [] as number[], schemaCheckMs: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      const c = await timedCheck(suite);
      runs.checkMs.push(r2(c.wall));
      runs.schemaCheckMs.push(r2(c.schema));
    }
    const checkMs = median(runs.checkMs);
    const schemaCheckMs = median(runs.schemaCheckMs);
    // The command a user runs: its wall time includes tsx start-up and printing the report.
    log('schema: `npm run check` ×3 (warm render cache)');
    const { runs: commandRuns, median: command } = await timedRuns(3, () =>
      execa('tsx', ['scripts/check.ts'], { cwd: ROOT, preferLocal: true, reject: false, stdin: 'ignore' }),
    );
    const commandMs = r2(command.wall * 1000);
    const share = (importMs + schemaCheckMs) / commandMs;
    const check = {
      coldImportMs: importMs,
      schemaCheckMs,
      inProcessCheckMs: checkMs,
      npmRunCheckMs: commandMs,
      share: r2(share),
      runs: { ...runs, npmRunCheckMs: commandRuns.map((r) => r2(r.wall * 1000)) },
    };
    return {
      results: { schema: { throughput: t, check } },
      rows: [
        {
          what: 'schema: objects validated',
          figure: `${t.objects} in ${r2(t.firstMs / 1000)}s = ${t.objectsPerSecond}/s`,
          goal: '10,000 in ≤ 2s',
          met: t.firstMs <= GOAL_MS,
          note: `strict, first pass; warm ${r2(t.warmMs / 1000)}s = ${t.warmObjectsPerSecond}/s; copies of ${t.distinct} rendered objects that have a schema`,
        },
        {
          what: '  schema: share of npm run check',
          figure: `${Math.round(share * 100)}%`,
          goal: '-',
          met: undefined,
          note: `import ${importMs}ms (once per process) + checks ${schemaCheckMs}ms of npm run check ${commandMs}ms (in-process check ${checkMs}ms)`,
        },
      ],
    };
  },
};

// The child process of coldImportMs: load every kind the bundled suite renders, print the time.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv.includes(COLD_IMPORT_FLAG)) {
  const { planRenders } = await import('../../src/suite/world.js');
  const suite = await openSuite();
  const rendered = await renderedObjects(suite, planRenders(suite));
  const t0 = performance.now();
  await new SchemaRegistry([]).load(rendered);
  console.log(JSON.stringify({ coldImportMs: r2(performance.now() - t0) }));
}
