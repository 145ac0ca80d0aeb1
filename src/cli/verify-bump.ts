// `helm-contract-tests verify-bump`: check the chart lockstep rules between a base revision and
// head (the working tree by default), run the contracts of the changed charts on head,
// and show their rendered-manifest diff.
// Exit 0 clean, 1 violations, 2 usage or environment error (not a git repo, unknown ref,
// suite config missing). Progress goes to stderr, the report to stdout.
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatBumpReport } from '../bump/format.js';
import { removeTempDirsSync } from '../bump/sides.js';
import { verifyBump } from '../bump/verify.js';
import { UserError } from '../errors.js';
import { oneOf, parseCli } from './args.js';
import { helpOf } from './usage.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCli(
    argv,
    {
      base: { type: 'string' },
      head: { type: 'string' },
      root: { type: 'string' },
      config: { type: 'string' },
      format: { type: 'string' },
      markdown: { type: 'string' },
      strict: { type: 'boolean' },
    },
    helpOf('verify-bump').usage,
  );
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  // Ctrl-C / kill: temp copies of base and head go too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeTempDirsSync();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  const root = values.root ?? (process.env.CHARTS_ROOT || undefined);
  const report = await verifyBump({
    cwd: process.cwd(),
    base: values.base,
    head: values.head,
    root,
    config: values.config ?? (process.env.SUITE_CONFIG || undefined),
    strict: values.strict ?? false,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(formatBumpReport(format, report) + '\n');
  if (values.markdown) {
    // Appended, as GitHub expects for $GITHUB_STEP_SUMMARY; created when missing.
    const file = path.resolve(values.markdown);
    try {
      // Keep the earlier content's last line apart from our heading.
      const last = await readFile(file).then(
        (b) => b.subarray(-1).toString(),
        () => '',
      );
      await appendFile(file, (last && last !== '\n' ? '\n' : '') + formatBumpReport('markdown', report));
    } catch (err) {
      throw new UserError(`--markdown ${values.markdown}: cannot write ${file}: ${(err as Error).message}`, 2);
    }
  }
  return report.exitCode;
}
