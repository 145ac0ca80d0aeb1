// Bench figure for the `schema` contract (issue 18), on this machine, in one run:
//
//  1. throughput  10,000 real rendered objects (every render of the bundled suite, copied
//                 round-robin) validated strictly through a warm SchemaSet: objects per
//                 second (goal: 10,000 in ≤ 2 s on 2 cores).
//  2. check share `checkSuite` on the bundled suite as `npm run check` runs it (render cache
//                 warm, a fresh suite each time), with the schema contract timed: its share
//                 = (importing the built-in validators once, cold, + every schema.check) ÷
//                 (check wall + that import). Measured first, while the imports are cold.
//
// Run alone: `npx tsx scripts/bench/schema.ts` (prints JSON). `run()` returns the figures.
import { pathToFileURL } from 'node:url';
import { ALL_CONTRACTS } from '../../src/contracts/index.js';
import type { Contract } from '../../src/contracts/types.js';
import type { Manifest } from '../../src/manifests/types.js';
import { renderedCrds, SchemaRegistry } from '../../src/schema/registry.js';
import { checkSuite } from '../../src/suite/check.js';
import { openSuite } from '../../src/suite/session.js';
import { planRenders, renderJob } from '../../src/suite/world.js';

const OBJECTS = 10_000;
const ROUNDS = 5;

export interface SchemaBenchFigures {
  objects: number;
  /** Distinct rendered objects (with a schema) the 10,000 are copied from. */
  distinct: number;
  warmMs: number;
  objectsPerSecond: number;
  problems: number;
  check: { coldImportMs: number; checkMs: number; schemaCheckMs: number; schemaShare: number; runs: { checkMs: number[]; schemaCheckMs: number[] } };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x: number): number => Math.round(x * 10) / 10;

async function renderedObjects(): Promise<Manifest[]> {
  const suite = await openSuite();
  const releases = await Promise.all(planRenders(suite).map((job) => renderJob(suite, job)));
  return [...releases.flatMap((r) => r.manifests), ...suite.kitObjects];
}

/** Strict validation of 10,000 copies through a SchemaSet whose validators are loaded. */
async function throughput(): Promise<Omit<SchemaBenchFigures, 'check'>> {
  const rendered = await renderedObjects();
  const registry = new SchemaRegistry([]);
  await registry.load(rendered);
  const set = registry.view(renderedCrds(rendered));
  // Only objects that have a schema: a kind with none costs nothing and would flatter the figure.
  const distinct = rendered.filter((m) => set.lookup(m.apiVersion, m.kind));
  // Copies, so no cache keyed by object identity can make a repeat free.
  const objects = Array.from({ length: OBJECTS }, (_, i) => structuredClone(distinct[i % distinct.length].object));
  let problems = 0;
  const t1 = performance.now();
  objects.forEach((o, i) => {
    const m = distinct[i % distinct.length];
    problems += set.lookup(m.apiVersion, m.kind)?.validate(o, { strict: true }).length ?? 0;
  });
  const warmMs = performance.now() - t1;
  return { objects: OBJECTS, distinct: distinct.length, warmMs: r1(warmMs), objectsPerSecond: Math.round(OBJECTS / (warmMs / 1000)), problems };
}

/** One check run on a fresh suite: its wall time and the time spent in schema.check. */
async function timedCheck(): Promise<{ wall: number; schema: number }> {
  let schemaMs = 0;
  const contracts: Contract[] = ALL_CONTRACTS.map((c) =>
    c.id !== 'schema'
      ? c
      : {
          ...c,
          check(world) {
            const t = performance.now();
            const out = c.check(world);
            schemaMs += performance.now() - t;
            return out;
          },
        },
  );
  const suite = await openSuite();
  const t0 = performance.now();
  await checkSuite(suite, { contracts });
  return { wall: performance.now() - t0, schema: schemaMs };
}

async function checkShare(): Promise<SchemaBenchFigures['check']> {
  // The import a check pays once per process (buildWorld loads every rendered kind's validator).
  const objects = await renderedObjects();
  const t0 = performance.now();
  await new SchemaRegistry([]).load(objects);
  const coldImportMs = r1(performance.now() - t0);
  const runs = { checkMs: [] as number[], schemaCheckMs: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    const t = await timedCheck();
    runs.checkMs.push(r1(t.wall));
    runs.schemaCheckMs.push(r1(t.schema));
  }
  const checkMs = median(runs.checkMs);
  const schemaCheckMs = median(runs.schemaCheckMs);
  const share = (coldImportMs + schemaCheckMs) / (checkMs + coldImportMs);
  return { coldImportMs, checkMs, schemaCheckMs, schemaShare: Math.round(share * 1000) / 1000, runs };
}

export async function run(): Promise<SchemaBenchFigures> {
  const check = await checkShare();
  return { ...(await throughput()), check };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
