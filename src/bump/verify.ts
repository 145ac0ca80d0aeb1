// verify-bump, the library: compare a base revision with head (the working tree, or a
// second revision) and check the chart lockstep rules, the contracts of the changed
// charts on head, and show what their renders change.
//
// Read-only: base (and a head revision) are copied out with `git archive | tar -x`
// into temp dirs removed whatever happens; the working tree is read in place. The
// user's files, index and refs are never written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { DEFAULT_CONFIG_NAME as CONFIG_NAME, isDirectory, isFile } from '../config/load.js';
import type { Cell, SuiteConfig } from '../config/types.js';
import type { NondeterministicPath } from '../contracts/types.js';
import type { Manifest } from '../manifests/types.js';
import type { RenderedRelease, RendererId } from '../render/types.js';
import { makeRedactor, type Redactor } from '../report/redact.js';
import { allViolations, summarize } from '../report/summary.js';
import { checkSuite } from '../suite/check.js';
import { nondeterminismOf } from '../suite/determinism.js';
import { mapLimit } from '../suite/pool.js';
import type { Suite } from '../suite/session.js';
import { cellsOf, KIT_CELL, renderJob, type RenderJob } from '../suite/world.js';
import { classifyChanges, type ChartLocation } from './changes.js';
import { archiveTree, changedPaths, commitFiles, defaultBase, pathInCommit, repoTop, resolveCommit, workingTreeFiles } from './git.js';
import { parseHelmIgnore, type HelmIgnore } from './helmignore.js';
import { scrub, secretValues } from '../manifests/secrets.js';
import { canonicalRender, diffTexts } from './manifest-diff.js';
import { baseLabel, headLabel } from './present.js';
import { changedItself, checkBumpRules, finding, lockstepPartners, type ChartState } from './rules.js';
import {
  baseConfig,
  errorText,
  firstLine,
  loadConfigAt,
  kitFilesOutsideRoot,
  loadKit,
  makeTempDir,
  openSide,
  pinsOf,
  readChartSide,
  removeTempDir,
  type OpenedSide,
} from './sides.js';
import type { BumpReport, BumpViolation, CellDiff, ChangeReason, ChartReport, PinFact } from './types.js';

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

/** The charts root looked for under the repository top when none is named. */
const DEFAULT_ROOT = 'charts-under-test';
/** Cell name of the `kubectl kustomize` render in the diff. */
const KUSTOMIZE_CELL = 'kustomize';
/** Secret values shorter than this are not scrubbed from diffs outside Secrets (too likely ordinary words). */
const MIN_SCRUB_LENGTH = 8;

export async function verifyBump(opts: VerifyOptions = {}): Promise<BumpReport> {
  const started = performance.now();
  const progress = opts.progress ?? (() => {});
  const strict = opts.strict ?? false;
  const top = await repoTop(path.resolve(opts.cwd ?? process.cwd()));

  const headSha = opts.head === undefined ? undefined : await resolveCommit(top, opts.head, '--head');
  const base = opts.base === undefined ? await defaultBase(top, headSha ?? 'HEAD') : { ref: opts.base, sha: await resolveCommit(top, opts.base, '--base') };
  const head = { ref: opts.head ?? 'working tree', sha: headSha, workingTree: headSha === undefined };

  const temps: string[] = [];
  try {
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
    const notes: string[] = [];
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

    // ---- facts of both sides --------------------------------------------------------
    const headKit = await loadKit(headConfig);
    const headPins = pinsOf(headKit);
    // Loaded once: a base kit that fails here fails openSide below with the same error.
    const baseKit = loadKit(baseCfg);
    let basePins: PinFact[] | undefined;
    let baseVariables: Record<string, string> = {};
    try {
      const kit = await baseKit;
      basePins = pinsOf(kit);
      baseVariables = kit.variables;
    } catch (err) {
      notes.push(`base bootstrap kit cannot be read, pin changes are not detected: ${firstLine(errorText(err))}`);
    }

    const states: ChartState[] = [];
    const locations: ChartLocation[] = [];
    for (const c of headConfig.charts) {
      const b = baseCfg.charts.find((x) => x.id === c.id);
      const basePath = b?.path ?? c.path;
      const headSide = await readChartSide(headRoot, c.path);
      const baseSide = await readChartSide(baseRoot, basePath);
      const headName = headSide.name ?? c.name;
      const baseName = baseSide.name ?? b?.name ?? c.name;
      headSide.pins = headPins.filter((p) => p.chart === headName);
      baseSide.pins = (basePins ?? []).filter((p) => p.chart === baseName);
      states.push({ id: c.id, name: headName, path: c.path, reasons: [], files: [], base: baseSide, head: headSide, releaseFallback: c.release !== undefined });
      // A side has the chart directory exactly when its .helmignore could be read there.
      const headIgnore = await readHelmIgnore(headRoot, c.path);
      const baseIgnore = await readHelmIgnore(baseRoot, basePath);
      locations.push({
        id: c.id,
        headPath: headIgnore ? c.path : undefined,
        basePath: baseIgnore ? basePath : undefined,
        kustomizeDirs: [...new Set([c.kustomizeDir, b?.kustomizeDir].filter((d): d is string => d !== undefined))],
        headIgnore,
        baseIgnore,
      });
    }

    // ---- changed files → changed charts ----------------------------------------------
    const toRepo = (p: string) => posixJoin(rootRel, p);
    const specs = [...new Set(locations.flatMap((l) => [l.headPath, l.basePath, ...l.kustomizeDirs]).filter((p): p is string => p !== undefined).map(toRepo))];
    const [baseFiles, headFiles] = await Promise.all([
      commitFiles(top, base.sha, specs),
      headSha === undefined ? workingTreeFiles(top, specs) : commitFiles(top, headSha, specs),
    ]);
    const prefix = rootRel ? `${rootRel}/` : '';
    const changed = changedPaths(baseFiles, headFiles)
      .filter((p) => p.startsWith(prefix))
      .map((p) => p.slice(prefix.length));
    const fileChanges = classifyChanges(locations, changed);

    const violations: BumpViolation[] = [];
    for (const [i, s] of states.entries()) {
      const fc = fileChanges[i];
      s.files = fc.chartFiles;
      const reasons: ChangeReason[] = [];
      if (fc.files.length > 0) reasons.push('files');
      if (s.head.exists && !s.base.exists) reasons.push('new');
      if (basePins !== undefined && pinKey(s.base.pins) !== pinKey(s.head.pins)) reasons.push('pin');
      s.reasons = reasons;
      if (fc.ignored.length > 0 && fc.files.length === 0) {
        notes.push(
          `${s.id}: changed files ignored by .helmignore (not packaged, no bump needed): ${fc.ignored.map((f) => `${f.file} (${f.rule})`).join(', ')}`,
        );
      }
      const ig = locations[i].headIgnore;
      if (reasons.length > 0 && ig) {
        for (const w of ig.warnings) {
          if (strict) violations.push(finding(s, { rule: 'helmignore', file: `${s.path}/.helmignore`, expected: 'a line helm supports', actual: w, message: `${s.id}: ${w}` }));
          else notes.push(`${s.id}: ${w}`);
        }
      }
    }
    violations.unshift(...checkBumpRules(states, { lockstep: headConfig.lockstep, kitPath: headConfig.bootstrapKit.path ?? (headConfig.bootstrapKit.clusters ?? []).map((c) => c.path).join(', '), strict }));
    for (const id of lockstepPartners(violations)) {
      const s = states.find((x) => x.id === id);
      if (s && s.reasons.length === 0) s.reasons.push('lockstep');
    }

    const charts: ChartReport[] = states.flatMap((s, i) =>
      s.reasons.length === 0
        ? []
        : [{ id: s.id, name: s.name, path: s.path, reasons: s.reasons, files: fileChanges[i].files, ignoredFiles: fileChanges[i].ignored, base: s.base, head: s.head, diffs: [] }],
    );
    const rendered = charts.filter(changedItself);
    progress(
      rendered.length === 0
        ? 'verify-bump: no chart changed'
        : `verify-bump: changed: ${rendered.map((s) => `${s.id} (${s.reasons.join(', ')})`).join('; ')}`,
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

    if (rendered.length > 0) {
      const ids = rendered.map((s) => s.id);
      const headSide = await openSide(headConfig, headKit);
      let baseSide: OpenedSide | undefined;
      try {
        baseSide = await openSide(baseCfg, baseKit);
      } catch (err) {
        notes.push(`base cannot be rendered: ${firstLine(errorText(err))}`);
      }
      for (const id of ids) {
        const why = headSide.chartErrors.get(id);
        if (why) notes.push(`${id}: head chart cannot be rendered: ${why}`);
      }
      const renderer = headConfig.defaults.renderers[0];
      report.diffRenderer = renderer;
      const concurrency = opts.concurrency ?? 2;
      for (const cr of charts.filter((c) => ids.includes(c.id))) {
        cr.diffs = await diffChart(cr, headSide, baseSide, renderer, concurrency, progress);
      }
      const checkIds = ids.filter((id) => headSide.suite.charts.some((c) => c.config.id === id));
      if (checkIds.length > 0) {
        progress(`verify-bump: running contracts on head for ${checkIds.join(', ')} (${headConfig.defaults.renderers.join(' + ')})`);
        const result = await checkSuite(headSide.suite, { charts: checkIds, concurrency });
        report.contracts = summarize(result);
        report.contractViolations = allViolations(report.contracts);
      }
      const headBroken = ids.some((id) => headSide.chartErrors.has(id));
      const headFailed = charts.some((c) => c.diffs.some((d) => d.status === 'head-failed'));
      const failures = report.contracts?.failures.length ?? 0;
      report.exitCode = violations.length > 0 || report.contractViolations.length > 0 || failures > 0 || headFailed || headBroken ? 1 : 0;
    } else {
      report.exitCode = violations.length > 0 ? 1 : 0;
    }

    const redact = bumpRedactor(headConfig, headKit.variables, baseCfg, baseVariables, headKit.secrets);
    report.durationMs = Math.round(performance.now() - started);
    return redactDeep(report, redact);
  } finally {
    for (const dir of temps) await removeTempDir(dir);
  }
}

// ---------------------------------------------------------------------------

/** The charts root relative to the top: --root/CHARTS_ROOT, else charts-under-test with a suite.yaml, else the top. */
async function chooseRoot(top: string, root: string | undefined, workTree: string | undefined, baseSha: string, headSha: string | undefined): Promise<string> {
  if (root !== undefined && root !== '') {
    const abs = path.resolve(top, root);
    const rel = path.relative(top, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UserError(`--root ${root} is outside the repository ${top}`, 2);
    return rel.split(path.sep).join('/');
  }
  const candidate = `${DEFAULT_ROOT}/${CONFIG_NAME}`;
  if (workTree !== undefined && (await isFile(path.join(workTree, candidate)))) return DEFAULT_ROOT;
  if (headSha !== undefined && (await pathInCommit(top, headSha, candidate))) return DEFAULT_ROOT;
  if (await pathInCommit(top, baseSha, candidate)) return DEFAULT_ROOT;
  return '';
}

/**
 * Where the suite config of a side (given its tree top) is: the same repository path in
 * each side's tree, or one file outside the repository for both.
 */
function configLocator(top: string, rootRel: string, config: string | undefined, cwd: string | undefined): (sideTop: string) => string {
  if (config === undefined || config === '') return (sideTop) => path.join(sideTop, rootRel, CONFIG_NAME);
  const abs = path.resolve(cwd ?? process.cwd(), config);
  const rel = path.relative(top, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return () => abs;
  return (sideTop) => path.join(sideTop, rel);
}

/** Head's suite config; else base's (read against the head tree); else a UserError. */
async function headSuiteConfig(
  headRoot: string,
  own: string,
  fromBase: string,
  rootLabel: string,
  strict: boolean,
  notes: string[],
): Promise<SuiteConfig> {
  const name = own === fromBase ? own : posixJoin(rootLabel === '.' ? '' : rootLabel, path.basename(own));
  if (await isFile(own)) return loadConfigAt(headRoot, own, strict);
  if ((await isDirectory(headRoot)) && (await isFile(fromBase))) {
    notes.push(`head has no ${name}; using base's`);
    return loadConfigAt(headRoot, fromBase, strict);
  }
  throw new UserError(
    `no suite config: ${name} exists neither in head nor at base (set --root or CHARTS_ROOT to the charts root, or --config / SUITE_CONFIG to the file)`,
    2,
  );
}

async function readHelmIgnore(root: string, chartPath: string): Promise<HelmIgnore | undefined> {
  const dir = path.join(root, chartPath);
  if (!(await isDirectory(dir))) return undefined;
  const text = await readFile(path.join(dir, '.helmignore'), 'utf8').catch(() => '');
  return parseHelmIgnore(text, `${chartPath}/.helmignore`);
}

function pinKey(pins: PinFact[]): string {
  return pins
    .map((p) => `${p.helmRelease}@${p.version}`)
    .sort()
    .join(',');
}

function posixJoin(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

// ---------------------------------------------------------------------------
// Rendered diff
// ---------------------------------------------------------------------------

interface DiffSlot {
  cell: string;
  renderer: RendererId;
  baseJob?: RenderJob;
  headJob?: RenderJob;
}

function hasChart(side: OpenedSide | undefined, id: string): side is OpenedSide {
  return side !== undefined && side.suite.charts.some((c) => c.config.id === id);
}

function slotsOf(id: string, head: OpenedSide, base: OpenedSide | undefined, renderer: RendererId): DiffSlot[] {
  const slots: DiffSlot[] = [];
  const headCells: Cell[] = hasChart(head, id) ? cellsOf(head.suite, id) : [];
  const baseCells: Cell[] = hasChart(base, id) ? cellsOf(base.suite, id) : [];
  for (const cell of headCells) {
    const b = baseCells.find((x) => x.name === cell.name);
    slots.push({ cell: cell.name, renderer, headJob: { chart: id, cell, renderer }, ...(b ? { baseJob: { chart: id, cell: b, renderer } } : {}) });
  }
  for (const cell of baseCells) {
    if (!headCells.some((x) => x.name === cell.name)) slots.push({ cell: cell.name, renderer, baseJob: { chart: id, cell, renderer } });
  }
  const dual = (side: OpenedSide | undefined) => hasChart(side, id) && side.suite.config.charts.find((c) => c.id === id)?.kustomizeDir !== undefined;
  if (dual(head) || dual(base)) {
    const job: RenderJob = { chart: id, cell: KIT_CELL, renderer: 'kustomize' };
    slots.push({ cell: KUSTOMIZE_CELL, renderer: 'kustomize', ...(dual(head) ? { headJob: job } : {}), ...(dual(base) ? { baseJob: job } : {}) });
  }
  return slots;
}

type Outcome = { ok: true; render: RenderedRelease; nondeterministic: NondeterministicPath[] } | { ok: false; error: string };

async function outcome(suite: Suite, job: RenderJob): Promise<Outcome> {
  try {
    // The probe's first render is this very render (the diff renderer is the first renderer),
    // so a helm cell costs one more render: the repeat. kustomize has no templates to vary.
    const [render, nondeterministic] = await Promise.all([
      renderJob(suite, job),
      job.renderer === 'kustomize' ? [] : nondeterminismOf(suite, job.chart, job.cell),
    ]);
    return { ok: true, render, nondeterministic };
  } catch (err) {
    return { ok: false, error: errorText(err).split('\n').slice(0, 6).join('\n') };
  }
}

async function diffChart(
  cr: ChartReport,
  head: OpenedSide,
  base: OpenedSide | undefined,
  renderer: RendererId,
  concurrency: number,
  progress: (line: string) => void,
): Promise<CellDiff[]> {
  const slots = slotsOf(cr.id, head, base, renderer);
  const helmCells = slots.filter((s) => s.renderer !== 'kustomize').length;
  const kustomize = slots.some((s) => s.renderer === 'kustomize') ? ' + kustomize' : '';
  const baseVersion = cr.base.exists ? (cr.base.version ?? '?') : 'none';
  const headVersion = cr.head.exists ? (cr.head.version ?? '?') : 'none';
  progress(`verify-bump: ${cr.id}: rendering ${helmCells} cell${helmCells === 1 ? '' : 's'}${kustomize} (base ${baseVersion}, head ${headVersion})`);

  // Each render once: every job is listed once, and renderJob memoises failures too.
  const tasks = slots.flatMap((slot, i) => [
    ...(slot.baseJob && base ? [{ i, side: 'base' as const, suite: base.suite, job: slot.baseJob }] : []),
    ...(slot.headJob ? [{ i, side: 'head' as const, suite: head.suite, job: slot.headJob }] : []),
  ]);
  const results = await mapLimit(tasks, concurrency * 2, (t) => outcome(t.suite, t.job));
  const resultOf = (i: number, side: 'base' | 'head') => results[tasks.findIndex((t) => t.i === i && t.side === side)] as Outcome | undefined;

  const diffs: CellDiff[] = [];
  for (const [i, slot] of slots.entries()) {
    const b = resultOf(i, 'base');
    const h = resultOf(i, 'head');
    const d: CellDiff = { cell: slot.cell, renderer: slot.renderer, status: 'unchanged', patch: '', added: 0, removed: 0 };
    if (h && !h.ok) {
      d.status = 'head-failed';
      d.error = h.error;
    } else if (b && !b.ok) {
      d.status = 'base-failed';
      d.error = b.error;
    } else {
      const baseManifests: Manifest[] | undefined = b?.ok ? b.render.manifests : undefined;
      const headManifests: Manifest[] | undefined = h?.ok ? h.render.manifests : undefined;
      // Safety net: Secret values are redacted by path already; any copy elsewhere goes too.
      const values = secretValues([...(baseManifests ?? []), ...(headManifests ?? [])], MIN_SCRUB_LENGTH);
      // A field that changes from one render to the next on either side would show as a change
      // on every run: both texts mask the union of both sides' nondeterministic paths.
      const excluded = [...(b?.ok ? b.nondeterministic : []), ...(h?.ok ? h.nondeterministic : [])];
      const text = diffTexts(
        `base/${cr.id}/${slot.cell}`,
        `head/${cr.id}/${slot.cell}`,
        baseManifests && canonicalRender(baseManifests, excluded),
        headManifests && canonicalRender(headManifests, excluded),
        `${cr.base.exists ? cr.base.version ?? '' : '(absent)'}`,
        `${cr.head.exists ? cr.head.version ?? '' : '(absent)'}`,
      );
      d.patch = scrub(text.patch, values);
      d.added = text.added;
      d.removed = text.removed;
      d.status = !baseManifests ? 'added' : !headManifests ? 'removed' : text.patch ? 'changed' : 'unchanged';
    }
    diffs.push(d);
  }
  return diffs;
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

/** Every string of a JSON-like value passed through `redact`. */
function redactDeep<T>(value: T, redact: Redactor): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
