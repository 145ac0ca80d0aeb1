// 8. schema  the `schema` contract (issue 18):
//    throughput  10,000 real rendered objects (the suite's renders' objects that have a
//                schema, copied round-robin) validated strictly through a loaded SchemaSet:
//                objects per second (goal: 10,000 in ≤ 2 s on 2 cores).
//    check share `checkSuite` as `npm run check` runs it (render cache warm, a fresh suite
//                each time) with schema.check timed; its share = (importing the built-in
//                validators in a fresh process, once + every schema.check) ÷ (check wall +
//                that import). The import is timed in a child process: this one has them.
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
import { log, median, r2 } from './measure.js';
import { ROOT } from './vitest-run.js';

const OBJECTS = 10_000;
const GOAL_MS = 2000;
const ROUNDS = 5;
const COLD_IMPORT_FLAG = '--cold-import';

async function renderedObjects(suite: Suite, jobs: RenderJob[]): Promise<Manifest[]> {
  const releases = await Promise.all(jobs.map((job) => renderJob(suite, job)));
  return [...releases.flatMap((r) => r.manifests), ...suite.kitObjects, ...(suite.kitHelmReleaseObjects ?? [])];
}

/** Strict validation of 10,000 copies through a SchemaSet whose validators are loaded. */
async function throughput(rendered: Manifest[]): Promise<{ objects: number; distinct: number; ms: number; objectsPerSecond: number; problems: number }> {
  const registry = new SchemaRegistry([]);
  await registry.load(rendered);
  const set = registry.view(renderedCrds(rendered));
  // Only objects that have a schema: a kind with none costs nothing and would flatter the figure.
  const distinct = rendered.filter((m) => set.lookup(m.apiVersion, m.kind));
  // Copies, so no cache keyed by object identity can make a repeat free.
  const objects = Array.from({ length: OBJECTS }, (_, i) => structuredClone(distinct[i % distinct.length].object));
  let problems = 0;
  const t0 = performance.now();
  objects.forEach((o, i) => {
    const m = distinct[i % distinct.length];
    problems += set.lookup(m.apiVersion, m.kind)?.validate(o, { strict: true }).length ?? 0;
  });
  const ms = performance.now() - t0;
  return { objects: OBJECTS, distinct: distinct.length, ms: r2(ms), objectsPerSecond: Math.round(OBJECTS / (ms / 1000)), problems };
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
  title: 'schema validation: objects per second, share of a warm check',
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
    const share = (importMs + schemaCheckMs) / (checkMs + importMs);
    const check = { coldImportMs: importMs, checkMs, schemaCheckMs, share: r2(share), runs };
    return {
      results: { schema: { throughput: t, check } },
      rows: [
        {
          what: '8 schema: objects validated',
          figure: `${t.objects} in ${r2(t.ms / 1000)}s = ${t.objectsPerSecond}/s`,
          goal: '10,000 in ≤ 2s',
          met: t.ms <= GOAL_MS,
          note: `strict; copies of ${t.distinct} rendered objects that have a schema`,
        },
        {
          what: '  schema: share of a warm check',
          figure: `${Math.round(share * 100)}%`,
          goal: '-',
          met: undefined,
          note: `import ${importMs}ms (once per process) + checks ${schemaCheckMs}ms of check ${checkMs}ms (medians of ${ROUNDS})`,
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
