// `helm-contract-tests check`: render every chart in every cell, run every contract, print the matrix.
// Exit 0 when every contract holds, 1 on violations or render failures, 2 on a usage/config error.
import { ALL_CONTRACTS, CONTRACT_IDS } from '../contracts/index.js';
import type { Contract } from '../contracts/types.js';
import { describeConfigSource } from '../config/load.js';
import { UserError } from '../errors.js';
import { holds, summarize } from '../report/summary.js';
import { formatText } from '../report/text.js';
import { checkSuite } from '../suite/check.js';
import { openSuite, suiteRedactor, toolNotes, type OpenOptions, type Suite } from '../suite/session.js';
import { oneOf, parseCli } from './args.js';
import { helpOf } from './usage.js';
import { renderProgress } from './progress.js';

export interface CheckArgs {
  open: OpenOptions;
  charts?: string[];
  contracts?: string[];
  format: 'text' | 'json';
  report?: string;
  /** helm-unittest snapshots: write new ones and replace changed ones (otherwise only read). */
  updateSnapshot?: boolean;
}

export interface CheckCommandArgs extends CheckArgs {
  watch: boolean;
}

export function parseCheckArgs(argv: string[]): CheckCommandArgs {
  const usage = helpOf('check').usage;
  const { values } = parseCli(
    argv,
    {
      root: { type: 'string' },
      config: { type: 'string' },
      chart: { type: 'string', multiple: true },
      contract: { type: 'string', multiple: true },
      format: { type: 'string' },
      report: { type: 'string' },
      watch: { type: 'boolean' },
      'update-snapshot': { type: 'boolean' },
    },
    usage,
  );
  return {
    open: { root: values.root, configFile: values.config },
    charts: values.chart,
    contracts: values.contract,
    format: oneOf(values.format, ['text', 'json'] as const, '--format', 'text'),
    report: values.report,
    watch: values.watch ?? false,
    updateSnapshot: values['update-snapshot'] ?? false,
  };
}

/** The contracts `--contract` selects (all when not given); `unittest` is not among them, see runsUnitTests. */
export function selectedContracts(ids: readonly string[] | undefined): Contract[] {
  return ids ? ALL_CONTRACTS.filter((c) => ids.includes(c.id)) : ALL_CONTRACTS;
}

/** Whether the run includes the chart test files (`--contract unittest`, or no `--contract`). */
export function runsUnitTests(ids: readonly string[] | undefined): boolean {
  return !ids || ids.includes('unittest');
}

/** One check run as the command prints it; returns the exit code. `opened`: the suite, already opened (watch). */
export async function checkOnce(args: CheckArgs, only?: string[], opened?: Suite): Promise<number> {
  const suite = opened ?? (await openSuite(args.open));
  // On stderr: stdout stays a clean report (json) while the user still learns which config ran.
  process.stderr.write(
    `${describeConfigSource(suite.config)}\n${toolNotes(suite)
      .map((n) => `${n}\n`)
      .join('')}`,
  );
  const known = [...CONTRACT_IDS, 'unittest'];
  for (const id of args.contracts ?? []) {
    if (!known.includes(id)) throw new UserError(`--contract ${id} is not a contract (known: ${known.join(', ')})`);
  }
  for (const id of args.charts ?? []) {
    if (!suite.charts.some((c) => c.config.id === id)) {
      throw new UserError(`--chart ${id} is not in ${suite.config.file} (known: ${suite.charts.map((c) => c.config.id).join(', ')})`);
    }
  }
  const contracts = selectedContracts(args.contracts);
  const charts = only ?? args.charts;
  const started = performance.now();
  const progress = renderProgress();
  // `--contract unittest` alone renders no cell: the test files render what they need.
  const result = contracts.length
    ? await checkSuite(suite, { charts, contracts, progress: progress.update }).finally(progress.done)
    : { rows: [], failures: [], notes: [], nondeterministic: [] };
  // helm-unittest files: a `unittest` column, one row per test file × renderer.
  if (runsUnitTests(args.contracts)) {
    // Loaded only when asked for, as the report writers below: a run of other contracts never loads them.
    const { checkUnitTests } = await import('../suite/unittest.js');
    result.rows.push(...(await checkUnitTests(suite, charts, args.updateSnapshot ? { write: true, update: true } : undefined)));
  }
  const summary = summarize(result);
  const redact = suiteRedactor(suite);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const renderers = [...suite.config.defaults.renderers, ...(suite.charts.some((c) => c.config.kustomizeDir) ? ['kustomize'] : [])];
  if (args.format === 'json') {
    process.stdout.write(redact(JSON.stringify(summary, null, 2)) + '\n');
  } else {
    const count = only ? only.length : suite.charts.length;
    process.stdout.write(`helm-contract-tests check: ${suite.config.root} (${count} charts, renderers ${renderers.join(' + ')}) in ${seconds}s\n\n`);
    process.stdout.write(redact(formatText(summary)) + '\n');
  }
  if (args.report) {
    const { writeReports } = await import('../report/write.js');
    const written = await writeReports(args.report, summary, {
      root: suite.config.root,
      renderers,
      contracts: { ...Object.fromEntries(contracts.map((c) => [c.id, c.summary])), unittest: "the charts' helm-unittest files hold on every renderer" },
      tools: Object.fromEntries(Object.values(suite.tools).map((t) => [t.id, t.version])),
      durationSeconds: Number(seconds),
      generatedAt: new Date().toISOString(),
      redact,
    }).catch((err: unknown) => {
      const reason = (err as Error).message.split('\n')[0];
      throw new UserError(`--report ${args.report}: cannot write the report files there (${reason}); pick a writable directory`, 2);
    });
    process.stderr.write(`report: ${written.join(', ')}\n`);
  }
  return holds(summary) ? 0 : 1;
}
