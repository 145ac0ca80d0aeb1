// verify-bump, the library: compare a base revision with head (the working tree, or a
// second revision) and check the chart lockstep rules, the contracts of the changed
// charts on head, and show what their renders change.
//
// Read-only: base (and a head revision) are copied out with `git archive | tar -x`
// into temp dirs removed whatever happens; the working tree is read in place. The
// user's files, index and refs are never written.
import path from 'node:path';
import { isDirectory } from '../config/load.js';
import type { SuiteConfig } from '../config/types.js';
import { makeRedactor, redactDeep, type Redactor } from '../manifests/redact.js';
import { allViolations, summarize } from '../report/summary.js';
import { checkSuite } from '../suite/check.js';
import { classifyChanges, type ChartLocation } from './changes.js';
import { addLockstepReasons, assignChangeReasons, readChartStates, readKits, type KitFacts, type Roots } from './chart-states.js';
import { archiveTree, changedPaths, commitFiles, defaultBase, resolveCommit, workingTreeFiles } from './git.js';
import { chooseRoot, configLocator, findRepository, headSuiteConfig, posixJoin } from './locate.js';
import { baseLabel, headLabel } from './present.js';
import { diffChart } from './rendered-diff.js';
import { changedItself, checkBumpRules } from './rules.js';
import { baseConfig, errorText, firstLine, kitFilesOutsideRoot, makeTempDir, openSide, removeTempDir, type OpenedSide } from './sides.js';
import type { BumpReport, ChartReport } from './types.js';

export interface VerifyOptions {
  /** Where to look for the repository (default: process.cwd()). */
  cwd?: string;
  /** Base revision (default: merge-base of head with origin/main, else main). */
  base?: string;
  /** Head revision (default: the working tree, uncommitted and untracked files included). */
  head?: string;
  /** Charts root relative to the repository top (default: charts-under-test when it holds a suite.yaml, else the top). */
  root?: string;
  /**
   * Suite config file (absolute, or relative to cwd): inside the repository it is read from
   * each side; outside it, the one file serves both. Default: <charts root>/suite.yaml.
   */
  config?: string;
  /** Flux variables strict, every changed chart pinned, unsupported .helmignore lines are violations. */
  strict?: boolean;
  /** Progress lines (the CLI prints them on stderr). */
  progress?: (line: string) => void;
  /** Parallel renders. */
  concurrency?: number;
}

export async function verifyBump(given: VerifyOptions = {}): Promise<BumpReport> {
  const started = performance.now();
  const progress = given.progress ?? (() => {});
  const strict = given.strict ?? false;
  const cwd = path.resolve(given.cwd ?? process.cwd());
  // The repository holding --root (any repository), else the one holding cwd.
  const { top, where, root } = await findRepository(cwd, given.root);
  const opts = { ...given, root };
  const foreign = where === 'this repository' ? '' : ` in ${where}`;

  const headSha = opts.head === undefined ? undefined : await resolveCommit(top, opts.head, '--head', where);
  const base =
    opts.base === undefined
      ? await defaultBase(top, headSha ?? 'HEAD', foreign)
      : { ref: opts.base, sha: await resolveCommit(top, opts.base, '--base', where) };
  const head = { ref: opts.head ?? 'working tree', sha: headSha, workingTree: headSha === undefined };

  const temps: string[] = [];
  try {
    const notes: string[] = [];
    const sides = await checkOutSides(top, opts, { base, head }, temps, notes, progress);
    const { rootRel, rootLabel, headConfig, baseConfig: baseCfg } = sides;

    const kits = await readKits(headConfig, baseCfg, notes);
    const { states, locations } = await readChartStates(headConfig, baseCfg, sides.roots, kits);
    const changed = await changedUnderRoot(top, rootRel, base.sha, headSha, locations);
    const fileChanges = classifyChanges(locations, changed);
    const violations = assignChangeReasons(states, fileChanges, locations, kits.basePins, strict, notes);
    violations.unshift(
      ...checkBumpRules(states, {
        lockstep: headConfig.lockstep,
        kitPath:
          headConfig.bootstrapKit.path ??
          Object.values(headConfig.bootstrapKit.clusters ?? {})
            .map((c) => c.path)
            .join(', '),
        strict,
      }),
    );
    addLockstepReasons(states, violations);

    const charts: ChartReport[] = states.flatMap((s, i) =>
      s.reasons.length === 0
        ? []
        : [
            {
              id: s.id,
              name: s.name,
              path: s.path,
              reasons: s.reasons,
              files: fileChanges[i].files,
              ignoredFiles: fileChanges[i].ignored,
              base: s.base,
              head: s.head,
              diffs: [],
            },
          ],
    );
    const rendered = charts.filter(changedItself);
    progress(
      rendered.length === 0 ? 'verify-bump: no chart changed' : `verify-bump: changed: ${rendered.map((s) => `${s.id} (${s.reasons.join(', ')})`).join('; ')}`,
    );

    const report: BumpReport = {
      repo: top,
      root: rootLabel,
      base: { ref: base.ref, sha: base.sha },
      head,
      strict,
      charts,
      violations,
      contractViolations: [],
      notes,
      exitCode: 0,
      durationMs: 0,
    };

    const { headBroken } =
      rendered.length > 0
        ? await renderAndCheck(
            report,
            rendered.map((s) => s.id),
            { headConfig, baseConfig: baseCfg, kits },
            opts.concurrency ?? 2,
            progress,
          )
        : { headBroken: false };
    report.exitCode = exitCodeOf(report, headBroken);

    const redact = bumpRedactor(headConfig, kits.headKit.variables, baseCfg, kits.baseVariables, kits.headKit.secrets);
    report.durationMs = Math.round(performance.now() - started);
    return redactDeep(report, redact);
  } finally {
    for (const dir of temps) await removeTempDir(dir);
  }
}

// ---------------------------------------------------------------------------

interface Revisions {
  base: { ref: string; sha: string };
  head: { ref: string; sha: string | undefined; workingTree: boolean };
}

interface Sides {
  /** The charts root relative to the repository top ('' = the top), and as shown ('.'). */
  rootRel: string;
  rootLabel: string;
  roots: Roots;
  headConfig: SuiteConfig;
  baseConfig: SuiteConfig;
}

/** Base (and a head revision) copied out into temp dirs, pushed on `temps`; each side's charts root and suite config. */
async function checkOutSides(
  top: string,
  opts: VerifyOptions,
  { base, head }: Revisions,
  temps: string[],
  notes: string[],
  progress: (line: string) => void,
): Promise<Sides> {
  const strict = opts.strict ?? false;
  const headSha = head.sha;
  const baseTop = await makeTempDir('base');
  temps.push(baseTop);
  const headTop = headSha === undefined ? top : await makeTempDir('head');
  if (headSha !== undefined) temps.push(headTop);

  const rootRel = await chooseRoot(top, opts.root, headSha === undefined ? top : undefined, base.sha, headSha);
  const rootLabel = rootRel || '.';
  await archiveTree(top, base.sha, rootRel, baseTop);
  if (headSha !== undefined) await archiveTree(top, headSha, rootRel, headTop);
  const baseRoot = path.join(baseTop, rootRel);
  const headRoot = path.join(headTop, rootRel);
  const configAt = configLocator(top, rootRel, opts.config, opts.cwd);
  const headConfig = await headSuiteConfig(headRoot, configAt(headTop), configAt(baseTop), rootLabel, strict, notes);
  // Kit files the config names outside the charts root (a cluster's variables file): each side reads its own.
  for (const rel of kitFilesOutsideRoot(headConfig, headTop)) {
    await archiveTree(top, base.sha, rel, baseTop);
    if (headSha !== undefined) await archiveTree(top, headSha, rel, headTop);
  }
  progress(`verify-bump: base ${baseLabel({ base })} -> head ${headLabel({ head })}, charts root ${rootLabel}`);
  const { config: baseCfg, note: baseNote } = (await isDirectory(baseRoot))
    ? await baseConfig(baseRoot, configAt(baseTop), headConfig, strict)
    : { config: { ...headConfig, root: baseRoot, charts: [] } as SuiteConfig, note: `${rootLabel} does not exist at base` };
  if (baseNote) notes.push(baseNote);
  const removed = baseCfg.charts.filter((b) => !headConfig.charts.some((h) => h.id === b.id)).map((b) => b.id);
  if (removed.length) notes.push(`charts no longer in the head suite config (not checked): ${removed.join(', ')}`);
  return { rootRel, rootLabel, roots: { head: headRoot, base: baseRoot }, headConfig, baseConfig: baseCfg };
}

/** Repository paths under the chart locations that differ between base and head, relative to the charts root. */
async function changedUnderRoot(top: string, rootRel: string, baseSha: string, headSha: string | undefined, locations: ChartLocation[]): Promise<string[]> {
  const toRepo = (p: string) => posixJoin(rootRel, p);
  const specs = [
    ...new Set(
      locations
        .flatMap((l) => [l.headPath, l.basePath, ...l.kustomizeDirs])
        .filter((p): p is string => p !== undefined)
        .map(toRepo),
    ),
  ];
  const [baseFiles, headFiles] = await Promise.all([
    commitFiles(top, baseSha, specs),
    headSha === undefined ? workingTreeFiles(top, specs) : commitFiles(top, headSha, specs),
  ]);
  const prefix = rootRel ? `${rootRel}/` : '';
  return changedPaths(baseFiles, headFiles)
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length));
}

interface Configs {
  headConfig: SuiteConfig;
  baseConfig: SuiteConfig;
  kits: KitFacts;
}

/** Renders the changed charts on both sides into `report.charts[].diffs`, and runs the contracts of those head has. */
async function renderAndCheck(
  report: BumpReport,
  ids: string[],
  { headConfig, baseConfig, kits }: Configs,
  concurrency: number,
  progress: (line: string) => void,
): Promise<{ headBroken: boolean }> {
  const headSide = await openSide(headConfig, kits.headKit);
  let baseSide: OpenedSide | undefined;
  try {
    baseSide = await openSide(baseConfig, kits.baseKit);
  } catch (err) {
    report.notes.push(`base cannot be rendered: ${firstLine(errorText(err))}`);
  }
  for (const id of ids) {
    const why = headSide.chartErrors.get(id);
    if (why) report.notes.push(`${id}: head chart cannot be rendered: ${why}`);
  }
  const renderer = headConfig.defaults.renderers[0];
  report.diffRenderer = renderer;
  for (const chart of report.charts.filter((c) => ids.includes(c.id))) {
    chart.diffs = await diffChart(chart, headSide, baseSide, renderer, concurrency, progress);
  }
  const checkIds = ids.filter((id) => headSide.suite.charts.some((c) => c.config.id === id));
  if (checkIds.length > 0) {
    progress(`verify-bump: running contracts on head for ${checkIds.join(', ')} (${headConfig.defaults.renderers.join(' + ')})`);
    const result = await checkSuite(headSide.suite, { charts: checkIds, concurrency });
    report.contracts = summarize(result);
    report.contractViolations = allViolations(report.contracts);
  }
  return { headBroken: ids.some((id) => headSide.chartErrors.has(id)) };
}

/** 1 when a rule or contract is violated, a check failed, or a changed chart does not render on head. */
function exitCodeOf(report: BumpReport, headBroken: boolean): 0 | 1 {
  const headFailed = report.charts.some((c) => c.diffs.some((d) => d.status === 'head-failed'));
  const failures = report.contracts?.failures.length ?? 0;
  return report.violations.length > 0 || report.contractViolations.length > 0 || failures > 0 || headFailed || headBroken ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Redaction
// ---------------------------------------------------------------------------

function bumpRedactor(
  head: SuiteConfig,
  headVars: Record<string, string>,
  base: SuiteConfig,
  baseVars: Record<string, string>,
  kitSecrets: string[],
): Redactor {
  const names = new Set([...head.bootstrapKit.secretVariables, ...base.bootstrapKit.secretVariables]);
  const values = [...names].flatMap((n) => [headVars[n], baseVars[n]]).filter((v): v is string => typeof v === 'string' && v !== '');
  return makeRedactor([...values, ...kitSecrets]);
}
