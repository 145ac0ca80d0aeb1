// Temp git repositories built from charts-under-test/ for the verify-bump specs:
// copy the tree, `git init`, commit a base, then edit (commit or leave uncommitted).
// Helpers edit the text of Chart.yaml and kit files in place, keeping their comments.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { applyPatches, copyTree, loadPatchFile } from '../../support/fixtures/patch-set.js';
import { replaceScalar } from '../../support/fixtures/yaml-edit.js';
import { hashTree } from '../../../src/render/cache.js';
import { verifyBump, type VerifyOptions } from '../../../src/bump/verify.js';
import type { BumpReport } from '../../../src/bump/types.js';
import { NO_SUITE_ENV } from '../../support/env.js';
import { binCommand, PROJECT, TSX } from '../../support/bin.js';

export const CHARTS = path.join(PROJECT, 'charts-under-test');
export { PROJECT, TSX };

export const NEWAPI_CHART = 'platform/newapi/chart';
export const CATALYST_CHART = 'products/catalyst/chart';
export const KIT = 'clusters/_template/bootstrap-kit';
export const NEWAPI_PIN = `${KIT}/80-newapi.yaml`;
export const CATALYST_PIN = `${KIT}/13-bp-catalyst-platform.yaml`;

export interface Repo {
  /** Repository top. */
  dir: string;
  /** Charts root inside it ('' when the charts tree is the top). */
  rootRel: string;
  /** Absolute charts root. */
  root: string;
  git(...args: string[]): Promise<string>;
  /** `git add -A && git commit`, returning the new commit id. */
  commit(message: string): Promise<string>;
  cleanup(): Promise<void>;
}

export interface RepoOptions {
  /** Start from the pre-fix state (charts-under-test/pre-fix/patches.yaml applied). */
  preFix?: boolean;
  /** Put the charts under `charts-under-test/` in the repo instead of at its top. */
  nested?: boolean;
  /** Edits (relative to the charts root) applied before the first commit. */
  before?: (repo: Repo) => Promise<void>;
  /**
   * `one` (default): each chart's matrix trimmed to its kit cell, so rule cases render
   * 1 cell per chart instead of 19; `all`: the bundled matrices, for the showcase cases.
   */
  cells?: 'one' | 'all';
}

/** Trim suite.yaml's matrices to one cell (kit values) per chart. */
async function trimMatrices(root: string): Promise<void> {
  const file = path.join(root, 'suite.yaml');
  const doc = parseDocument(await readFile(file, 'utf8'));
  const charts = doc.get('charts') as YAMLSeq<YAMLMap>;
  for (const chart of charts.items) {
    chart.set('matrix', doc.createNode({ axes: { values: { kit: { kitValues: true } } } }));
    // The kit cell carries Sovereign values the Kustomize files cannot: not compared (as in the bundled config).
    if (chart.has('kustomizeCells')) chart.set('kustomizeCells', doc.createNode([]));
  }
  await writeFile(file, doc.toString());
}

/** A temp repo with one commit holding the charts tree on branch `main`. */
export async function makeRepo(opts: RepoOptions = {}): Promise<Repo> {
  const copy = await copyTree(CHARTS);
  let dir = copy.dir;
  let rootRel = '';
  if (opts.nested) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hct-bump-spec-'));
    rootRel = 'charts-under-test';
    await rename(copy.dir, path.join(dir, rootRel));
  }
  const root = path.join(dir, rootRel);
  const git = async (...args: string[]) => (await execa('git', args, { cwd: dir, env: { GIT_CONFIG_NOSYSTEM: '1' } })).stdout;
  const repo: Repo = {
    dir,
    rootRel,
    root,
    git,
    async commit(message) {
      await git('add', '-A');
      await git('commit', '-q', '--no-verify', '-m', message);
      return (await git('rev-parse', 'HEAD')).trim();
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  try {
    if (opts.preFix) await applyPatches(root, await loadPatchFile(path.join(CHARTS, 'pre-fix', 'patches.yaml')));
    if ((opts.cells ?? 'one') === 'one') await trimMatrices(root);
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.name', 'verify-bump spec');
    await git('config', 'user.email', 'verify-bump@example.invalid');
    await git('config', 'commit.gpgsign', 'false');
    await opts.before?.(repo);
    await repo.commit('base');
  } catch (err) {
    await repo.cleanup();
    throw err;
  }
  return repo;
}

/** Replace the charts tree of `repo` with the post-fix charts-under-test/ (files present there are overwritten). */
export async function restorePostFix(repo: Repo): Promise<void> {
  await cp(CHARTS, repo.root, { recursive: true });
}

async function readRel(repo: Repo, rel: string): Promise<string> {
  return readFile(path.join(repo.root, rel), 'utf8');
}

export async function writeRel(repo: Repo, rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(repo.root, rel)), { recursive: true });
  await writeFile(path.join(repo.root, rel), text);
}

/** Edit a file (relative to the charts root); the edit must change it. */
export async function editRel(repo: Repo, rel: string, edit: (text: string) => string): Promise<void> {
  const before = await readRel(repo, rel);
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${rel} changed nothing`);
  await writeRel(repo, rel, after);
}

/** Set `version:` in `<chartPath>/Chart.yaml` (written as given, unquoted: `1.4` stays a YAML number). */
export async function bumpChart(repo: Repo, chartPath: string, version: string): Promise<void> {
  const file = `${chartPath}/Chart.yaml`;
  await editRel(repo, file, (t) => replaceScalar(t, ['version'], version, { file }));
}

const CHART_SPEC = ['spec', 'chart', 'spec'];

/** Set spec.chart.spec.version of the HelmRelease installing `chart` in a bootstrap-kit file. */
export async function setPin(repo: Repo, file: string, chart: string, version: string): Promise<void> {
  await editRel(repo, file, (t) =>
    replaceScalar(t, [...CHART_SPEC, 'version'], version, { file, pick: (doc) => doc.getIn([...CHART_SPEC, 'chart']) === chart }),
  );
}

/** A change to a template that does not alter the render (a template comment). */
export async function touchTemplate(repo: Repo, rel: string, note = 'touched'): Promise<void> {
  await editRel(repo, rel, (t) => `${t.replace(/\n?$/, '\n')}{{- /* ${note} */ -}}\n`);
}

// ---------------------------------------------------------------------------
// Tree fingerprint: the user's tree and index must be byte-identical after a run.

/**
 * Hash of every file under the repo (.git included: index, refs, objects) plus
 * `git status --porcelain`, `git diff` and `git diff --cached` (run without optional
 * locks, so the fingerprint itself never refreshes the index).
 */
export async function fingerprint(repo: Repo): Promise<string> {
  const h = createHash('sha256').update(await hashTree(repo.dir));
  const env = { GIT_OPTIONAL_LOCKS: '0' };
  for (const args of [['status', '--porcelain'], ['diff'], ['diff', '--cached']]) {
    h.update((await execa('git', args, { cwd: repo.dir, env })).stdout).update('\0');
  }
  return h.digest('hex');
}

// ---------------------------------------------------------------------------
// The real CLI.

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const res = await execa(...binCommand('verify-bump', args), {
    cwd,
    env: { ...NO_SUITE_ENV, ...env },
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  return { exitCode: res.exitCode ?? -1, stdout: String(res.stdout), stderr: String(res.stderr) };
}

// ---------------------------------------------------------------------------
// The library, in-process.

export async function verifyIn(repo: Repo, opts: Omit<VerifyOptions, 'cwd' | 'progress'> = {}): Promise<{ report: BumpReport; progress: string[] }> {
  const progress: string[] = [];
  const report = await verifyBump({ cwd: repo.dir, ...opts, progress: (l) => progress.push(l) });
  return { report, progress };
}

/** Bump-rule messages of a report. */
export function messages(report: BumpReport): string[] {
  return report.violations.map((v) => v.message);
}

/** Added lines (`+…`, without the file header) of every diff of a chart. */
export function addedLines(report: BumpReport, chart: string): string[] {
  const c = report.charts.find((x) => x.id === chart);
  return (c?.diffs ?? []).flatMap((d) => d.patch.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')));
}
