// Every render a check needs, started up front in one pool of `parallel` processes: the suite's
// renders (planRenders) first, then its chart test files' renders, which fill the pool's tail
// and run while the contracts are evaluated. Renders land in the suite's memos (renderJob,
// unitRendererOf), so the check that follows with the same suite reads them from memory; a
// render that fails is reported by that check, in its context. Used by `npm test`'s global
// setup and by `check --watch`.
import { UserError } from '../errors.js';
import { mapLimit } from './pool.js';
import { renderJob } from './renders.js';
import type { Suite } from './session.js';
import { planSuiteTestRenders, unitRendererOf } from './unittest.js';
import { planRenders } from './world.js';

export interface PrerenderOptions {
  /** Chart ids (default: all); ids the suite does not know are left for the check to name. */
  charts?: string[];
  /** The contracts' renders (planRenders); default true. */
  suiteRenders?: boolean;
  /** The chart test files' renders; default true. */
  testRenders?: boolean;
  parallel?: number;
}

export interface Prerender {
  suiteRenders: number;
  testRenders: number;
  /** Settles when every suite render has: worlds then build from memory, no process started. */
  suiteDone: Promise<void>;
  /** Settles when every render has. */
  done: Promise<void>;
}

const ignore = () => undefined;

/** A plan that cannot be made (a config or test file error) plans nothing: the check says why. */
async function planned<T>(plan: () => T[] | Promise<T[]>): Promise<T[]> {
  try {
    return await plan();
  } catch (err) {
    if (err instanceof UserError) return [];
    throw err;
  }
}

export async function prerender(suite: Suite, opts: PrerenderOptions = {}): Promise<Prerender> {
  const charts = opts.charts?.filter((id) => suite.charts.some((c) => c.config.id === id));
  const jobs = opts.suiteRenders === false ? [] : await planned(() => planRenders(suite, charts));
  const tests = opts.testRenders === false ? [] : await planned(() => planSuiteTestRenders(suite, charts));
  const unit = tests.length ? unitRendererOf(suite) : undefined;
  let left = jobs.length;
  let suiteRendered: () => void = ignore;
  const suiteDone = new Promise<void>((resolve) => (suiteRendered = resolve));
  if (left === 0) suiteRendered();
  const tasks = [
    ...jobs.map(
      (job) => () =>
        renderJob(suite, job)
          .then(ignore, ignore)
          .finally(() => --left === 0 && suiteRendered()),
    ),
    ...tests.map((req) => () => unit!.render(req).then(ignore, ignore)),
  ];
  const done = mapLimit(tasks, opts.parallel ?? 2, (task: () => Promise<unknown>) => task()).then(ignore);
  return { suiteRenders: jobs.length, testRenders: tests.length, suiteDone, done };
}
