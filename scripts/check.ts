// `npm run check`: render every chart in every cell, run every contract, print the matrix.
// Exit 0 when every contract holds, 1 on violations or render failures, 2 on a usage/config error.
import { ALL_CONTRACTS, CONTRACT_IDS } from '../src/contracts/index.js';
import { oneOf, parseCli } from '../src/cli/args.js';
import { runMain, UserError } from '../src/errors.js';
import { suiteRedactor } from '../src/suite/session.js';
import { holds, summarize } from '../src/report/summary.js';
import { formatText } from '../src/report/text.js';
import { writeReports } from '../src/report/write.js';
import { describeConfigSource } from '../src/config/load.js';
import { checkSuite } from '../src/suite/check.js';
import { openSuite } from '../src/suite/session.js';
import { checkUnitTests } from '../src/suite/unittest.js';

const USAGE = `usage: npm run check -- [--root DIR] [--config FILE] [--chart ID]... [--contract ID]... [--format text|json] [--report DIR] [--update-snapshot]
  --contract ID  a contract, or unittest (the charts' helm-unittest files); default: all of them
  --update-snapshot  write helm-unittest snapshots: new ones, and changed ones replaced (otherwise they are only read)
  --report DIR  also write DIR/report.md, DIR/report.html and DIR/junit.xml`;

await runMain(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    {
      root: { type: 'string' },
      config: { type: 'string' },
      chart: { type: 'string', multiple: true },
      contract: { type: 'string', multiple: true },
      format: { type: 'string' },
      report: { type: 'string' },
      'update-snapshot': { type: 'boolean' },
    },
    USAGE,
  );
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const suite = await openSuite({ root: values.root, configFile: values.config });
  // On stderr: stdout stays a clean report (json) while the user still learns which config ran.
  process.stderr.write(`${describeConfigSource(suite.config)}\n`);
  const known = [...CONTRACT_IDS, 'unittest'];
  for (const id of values.contract ?? []) if (!known.includes(id)) throw new UserError(`--contract ${id} is not a contract (known: ${known.join(', ')})`);
  for (const id of values.chart ?? []) if (!suite.charts.some((c) => c.config.id === id)) {
    throw new UserError(`--chart ${id} is not in ${suite.config.file} (known: ${suite.charts.map((c) => c.config.id).join(', ')})`);
  }
  const contracts = values.contract ? ALL_CONTRACTS.filter((c) => values.contract!.includes(c.id)) : ALL_CONTRACTS;
  const started = performance.now();
  // `--contract unittest` alone renders no cell: the test files render what they need.
  const result = contracts.length ? await checkSuite(suite, { charts: values.chart, contracts }) : { rows: [], failures: [], notes: [], nondeterministic: [] };
  // helm-unittest files: a `unittest` column, one row per test file × renderer.
  if (!values.contract || values.contract.includes('unittest')) {
    result.rows.push(...(await checkUnitTests(suite, values.chart, values['update-snapshot'] ? { write: true, update: true } : undefined)));
  }
  const summary = summarize(result);
  const redact = suiteRedactor(suite);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const renderers = [...suite.config.defaults.renderers, ...(suite.charts.some((c) => c.config.kustomizeDir) ? ['kustomize'] : [])];
  if (format === 'json') {
    process.stdout.write(redact(JSON.stringify(summary, null, 2)) + '\n');
  } else {
    process.stdout.write(`helm-contract-tests check: ${suite.config.root} (${suite.charts.length} charts, renderers ${renderers.join(' + ')}) in ${seconds}s\n\n`);
    process.stdout.write(redact(formatText(summary)) + '\n');
  }
  if (values.report) {
    const written = await writeReports(values.report, summary, {
      root: suite.config.root,
      renderers,
      contracts: { ...Object.fromEntries(contracts.map((c) => [c.id, c.summary])), unittest: "the charts' helm-unittest files hold on every renderer" },
      tools: Object.fromEntries(Object.values(suite.tools).map((t) => [t.id, t.version])),
      durationSeconds: Number(seconds),
      generatedAt: new Date().toISOString(),
      redact,
    }).catch((err: unknown) => {
      const reason = (err as Error).message.split('\n')[0];
      throw new UserError(`--report ${values.report}: cannot write the report files there (${reason}); pick a writable directory`, 2);
    });
    process.stderr.write(`report: ${written.join(', ')}\n`);
  }
  return holds(summary) ? 0 : 1;
});
