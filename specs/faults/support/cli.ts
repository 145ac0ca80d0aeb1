// Runs the real CLI (the compiled `helm-contract-tests` bin: check, verify-bump, tools)
// the way a user does, in a private TMPDIR so a spec can see every temp dir a run left
// behind, and with the tool/suite environment variables cleared unless a spec sets them.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect } from 'vitest';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { withPatchedCopy, type PatchEdit } from '../../support/fixtures/patch-set.js';
import { cacheRoot } from '../../../src/paths.js';
import { provisionPinned } from '../../../src/tools/provision.js';
import { binCommand, PROJECT, TSX } from '../../support/bin.js';

export const CHARTS = path.join(PROJECT, 'charts-under-test');
export { PROJECT, TSX };

/** A stack frame line, as Node prints an uncaught error. */
export const STACK = /\n\s+at .+:\d+:\d+/;

/** The bin's subcommands the fault specs drive. */
type Command = 'check' | 'verify-bump' | 'tools';

/** Variables that would change what a run reads; a spec sets the ones it means. */
const CLEARED = ['HELM_BIN', 'HELM3_BIN', 'KUBECTL_BIN', 'CHARTS_ROOT', 'SUITE_CONFIG', 'HCT_RUN_DIR', 'HCT_RENDER_CACHE', 'HCT_CACHE_DIR'];

export interface CliResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** stdout + stderr. */
  output: string;
  /** Entries the run left in its private TMPDIR (tsx's own compile cache excluded). */
  leftovers: string[];
  durationMs: number;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}

let tmpRoot: Promise<string> | undefined;

/** One TMPDIR per spec file, so tsx's compile cache stays warm between runs. */
function privateTmp(): Promise<string> {
  tmpRoot ??= mkdtemp(path.join(os.tmpdir(), 'faults-tmpdir-'));
  return tmpRoot;
}

/**
 * A temp folder for one spec file, made before its tests and removed after them together
 * with the CLI runs' private TMPDIR. Returns a getter (the folder exists only once beforeAll ran).
 */
export function useWorkDir(name: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), `hct-faults-${name}-`));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await removePrivateTmp();
  });
  return () => dir;
}

/** Remove the private TMPDIR (afterAll). */
export async function removePrivateTmp(): Promise<void> {
  if (tmpRoot) await rm(await tmpRoot, { recursive: true, force: true });
  tmpRoot = undefined;
}

export async function runCli(command: Command, args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const tmp = await privateTmp();
  const before = new Set(await readdir(tmp));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CLEARED.includes(k)) env[k] = v;
  Object.assign(env, { TMPDIR: tmp, NO_COLOR: '1' }, opts.env);
  const started = performance.now();
  const res = await execa(...binCommand(command, args), {
    cwd: opts.cwd ?? PROJECT,
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: opts.timeoutMs ?? 90_000,
  });
  const durationMs = performance.now() - started;
  const leftovers = (await readdir(tmp)).filter((e) => !before.has(e) && !e.startsWith('tsx-'));
  const stdout = String(res.stdout ?? '');
  const stderr = String(res.stderr ?? '');
  return { exitCode: res.exitCode, stdout, stderr, output: `${stdout}\n${stderr}`, leftovers, durationMs };
}

/** Exit code as asserted, no stack frame anywhere, no temp dir left behind. */
export function expectClean(res: CliResult, exitCode: number): void {
  expect(res.output).not.toMatch(STACK);
  expect(res.leftovers).toEqual([]);
  expect(res.exitCode, res.output).toBe(exitCode);
}

/** The `error: …` block a CLI prints on stderr for a user error (message plus `fix:` line). */
export function errorBlock(res: CliResult): string {
  const i = res.stderr.indexOf('error: ');
  return i === -1 ? '' : res.stderr.slice(i).trimEnd();
}

/** Run `check` on a patched temp copy of charts-under-test. */
export function checkPatched(edits: PatchEdit[], args: string[] = [], opts: CliOptions = {}): Promise<CliResult & { root: string }> {
  return withPatchedCopy(CHARTS, edits, async (root) => ({ ...(await runCli('check', ['--root', root, ...args], opts)), root }));
}

/** The "render failures" section of `check`'s text output. */
export function renderFailures(stdout: string): string {
  const i = stdout.indexOf('render failures (');
  return i === -1 ? '' : stdout.slice(i);
}

/** Escape text for use inside a RegExp. */
export function re(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An edit that rewrites suite.yaml of the copy through the YAML document API (comments kept). */
export async function suiteEdit(mutate: (doc: Document) => void): Promise<PatchEdit> {
  const doc = parseDocument(await readFile(path.join(CHARTS, 'suite.yaml'), 'utf8'));
  mutate(doc);
  return { file: 'suite.yaml', content: doc.toString() };
}

/** The entry of chart `id` in a suite.yaml document, to edit in place. */
export function chartEntry(doc: Document, id: string): YAMLMap {
  const charts = doc.get('charts');
  if (!isSeq(charts)) throw new Error('suite.yaml: charts is not a list');
  const chart = charts.items.find((c) => isMap(c) && c.get('id') === id);
  if (!isMap(chart)) throw new Error(`suite.yaml: no chart ${id}`);
  return chart;
}

/** `git init` on main in `dir` and one commit of everything there (identity per command, no config written). */
export async function commitAll(dir: string, message: string): Promise<void> {
  const git = (...args: string[]) => execa('git', ['-c', 'user.name=faults', '-c', 'user.email=faults@example.invalid', ...args], { cwd: dir });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-qm', message);
}

/** 1-based line of the first line of `file` (under charts-under-test) containing `needle`. */
export async function lineIn(file: string, needle: string): Promise<number> {
  const lines = (await readFile(path.join(CHARTS, file), 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i === -1) throw new Error(`${file} has no line containing ${needle}`);
  return i + 1;
}

/** The whole text of a file under charts-under-test. */
export function chartsFile(file: string): Promise<string> {
  return readFile(path.join(CHARTS, file), 'utf8');
}

/**
 * A render cache of its own (HCT_CACHE_DIR) that shares the extracted tools through a
 * symlink, so a spec can list exactly what one run left in the cache.
 */
export async function privateCache(dir: string): Promise<{ dir: string; renders: () => Promise<string[]> }> {
  await provisionPinned();
  await mkdir(dir, { recursive: true });
  await symlink(path.join(cacheRoot(), 'tools'), path.join(dir, 'tools'));
  return { dir, renders: () => readdir(path.join(dir, 'renders')).catch(() => []) };
}
