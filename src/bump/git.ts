// Read-only git access for verify-bump. Every call is an argument array (no shell),
// runs with GIT_OPTIONAL_LOCKS=0, and uses commands that never write the index, the
// refs or the working tree: rev-parse, merge-base, ls-tree, ls-files, hash-object
// (without -w), cat-file and archive. Trees are materialized with `git archive | tar -x`
// into a temp dir, never by checkout, stash or worktree.
import { lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { execa, type Options } from 'execa';
import { UserError } from '../errors.js';

const GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

/** Exit code of environment problems (not a repo, unknown ref, git missing). */
const ENV_ERROR = 2;

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Run git in `cwd`; a missing git binary is a UserError, anything else is returned. */
async function git(cwd: string, args: string[], opts: Pick<Options, 'input'> = {}): Promise<GitResult> {
  const res = await execa('git', ['--literal-pathspecs', ...args], {
    cwd,
    env: GIT_ENV,
    reject: false,
    stripFinalNewline: false,
    ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
    maxBuffer: 512 * 1024 * 1024,
  });
  const code = (res as { code?: string }).code;
  if (code === 'ENOENT' || (res.failed && /ENOENT/.test(String(res.message)) && res.exitCode === undefined)) {
    throw new UserError('git not found on PATH: verify-bump reads the two revisions with git', ENV_ERROR);
  }
  return { ok: res.exitCode === 0, stdout: String(res.stdout ?? ''), stderr: String(res.stderr ?? '') };
}

async function gitOrThrow(cwd: string, args: string[], what: string, opts: Pick<Options, 'input'> = {}): Promise<string> {
  const res = await git(cwd, args, opts);
  if (!res.ok) throw new UserError(`${what}: git ${args.join(' ')} failed: ${firstLine(res.stderr) || 'no message'}`, ENV_ERROR);
  return res.stdout;
}

/** Short form of a commit id for messages. */
function short(sha: string): string {
  return sha.slice(0, 12);
}

function firstLine(s: string): string {
  return (
    s
      .trim()
      .split('\n')[0]
      ?.replace(/^fatal: /, '') ?? ''
  );
}

/** Top-level directory of the work tree holding `cwd`. */
export async function repoTop(cwd: string): Promise<string> {
  const exists = await lstat(cwd).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!exists) throw new UserError(`not a git repository: ${cwd} does not exist`, ENV_ERROR);
  const res = await git(cwd, ['rev-parse', '--show-toplevel']);
  const top = res.stdout.trim();
  if (!res.ok || !top) {
    throw new UserError(`not a git repository: ${cwd} (verify-bump compares two git revisions; run it inside the repository)`, ENV_ERROR);
  }
  return top;
}

/** Full commit id of `ref`, or undefined when it names no commit. */
async function commitOf(top: string, ref: string): Promise<string | undefined> {
  // Resolved first, peeled after: `${ref}^{commit}` would make `:/text` search for `text^{commit}`.
  const named = await git(top, ['rev-parse', '--verify', '--quiet', ref]);
  const object = named.stdout.trim();
  if (!named.ok || !/^[0-9a-f]{40,64}$/.test(object)) return undefined;
  const res = await git(top, ['rev-parse', '--verify', '--quiet', `${object}^{commit}`]);
  const sha = res.stdout.trim();
  return res.ok && sha ? sha : undefined;
}

/**
 * Full commit id of `ref`, or a UserError naming the flag it came from and the repository
 * (`where`: "this repository" when it is the working directory's, else its path).
 */
export async function resolveCommit(top: string, ref: string, flag: string, where = 'this repository'): Promise<string> {
  // A leading `-` would reach git as an option.
  const sha = ref === '' || ref.startsWith('-') ? undefined : await commitOf(top, ref);
  if (!sha) throw new UserError(`unknown ${flag} ref "${ref}": not a commit in ${where}`, ENV_ERROR);
  return sha;
}

/** The default base: merge-base of `head` (a commit, or HEAD) with origin/main, else main. */
export async function defaultBase(top: string, head = 'HEAD', where = ''): Promise<{ ref: string; sha: string }> {
  if (!(await commitOf(top, head))) {
    throw new UserError(`cannot pick a default base${where}: ${head} has no commit yet (commit first, or pass --base REF)`, ENV_ERROR);
  }
  for (const candidate of ['origin/main', 'main']) {
    if (!(await commitOf(top, candidate))) continue;
    const res = await git(top, ['merge-base', head, candidate]);
    const sha = res.stdout.trim();
    if (!res.ok || !sha) {
      throw new UserError(`cannot pick a default base${where}: ${head} and ${candidate} have no common ancestor (pass --base REF)`, ENV_ERROR);
    }
    return { ref: `merge-base(${candidate})`, sha };
  }
  throw new UserError(`cannot pick a default base${where}: neither origin/main nor main exists (pass --base REF)`, ENV_ERROR);
}

/** Whether `rel` (relative to the repo top, '' for the top) exists in commit `sha`. */
export async function pathInCommit(top: string, sha: string, rel: string): Promise<boolean> {
  if (rel === '') return true;
  const res = await git(top, ['cat-file', '-e', `${sha}:${rel}`]);
  return res.ok;
}

/**
 * Write the files of commit `sha` under `rel` (relative to the repo top, '' = all) into
 * `dest` (keeping their repo-relative paths): `git archive <sha> | tar -x`.
 * `.gitattributes` export-ignore/export-subst apply, as for any `git archive`.
 */
export async function archiveTree(top: string, sha: string, rel: string, dest: string): Promise<void> {
  if (!(await pathInCommit(top, sha, rel))) return;
  const args = ['--literal-pathspecs', 'archive', '--format=tar', sha, ...(rel ? ['--', rel] : [])];
  try {
    await execa('git', args, { cwd: top, env: GIT_ENV, stdin: 'ignore' }).pipe('tar', ['-x', '-f', '-', '-C', dest]);
  } catch (err) {
    const e = err as { stderr?: unknown; shortMessage?: string; message?: string; code?: string };
    const said = firstLine(String(e.stderr ?? '')) || e.shortMessage || e.message || String(err);
    throw new UserError(`cannot read ${short(sha)}${rel ? `:${rel}` : ''} with git archive | tar -x: ${said}`, ENV_ERROR);
  }
}

/** path (relative to the repo top) → blob id, for every file under `paths` in commit `sha`. */
export async function commitFiles(top: string, sha: string, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const stdout = await gitOrThrow(top, ['ls-tree', '-r', '-z', '--full-tree', sha, '--', ...paths], `listing ${short(sha)}`);
  for (const entry of stdout.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const [, type, id] = entry.slice(0, tab).split(' ');
    if (type === 'blob') out.set(entry.slice(tab + 1), id);
  }
  return out;
}

/**
 * path → blob id for every file under `paths` in the working tree: tracked files as
 * they are on disk (uncommitted edits count) plus untracked files that are not
 * git-ignored. Ids come from `git hash-object` (clean filters applied, nothing written).
 */
export async function workingTreeFiles(top: string, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const listed = await gitOrThrow(top, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...paths], 'listing the working tree');
  const files: string[] = [];
  const seen = new Set<string>();
  for (const rel of listed.split('\0')) {
    if (!rel || seen.has(rel)) continue;
    seen.add(rel);
    // Tracked files deleted on disk are gone from the head tree.
    const st = await lstat(path.join(top, rel)).catch(() => undefined);
    if (st?.isFile()) files.push(rel);
    else if (st?.isSymbolicLink()) {
      // git stores a link as a blob of its target path.
      const target = await readlink(path.join(top, rel));
      out.set(rel, (await gitOrThrow(top, ['hash-object', '--stdin'], 'hashing a symlink', { input: target })).trim());
    }
  }
  if (files.length === 0) return out;
  if (files.some((f) => f.includes('\n'))) {
    throw new UserError(`cannot hash working-tree files whose names contain a newline (under ${paths.join(', ')})`, ENV_ERROR);
  }
  const hashes = (await gitOrThrow(top, ['hash-object', '--stdin-paths'], 'hashing working-tree files', { input: files.join('\n') + '\n' })).trim().split('\n');
  files.forEach((f, i) => out.set(f, hashes[i]));
  return out;
}

/** Paths whose content differs between two path → blob maps (added, removed or changed), sorted. */
export function changedPaths(base: Map<string, string>, head: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const [p, id] of base) if (head.get(p) !== id) out.add(p);
  for (const p of head.keys()) if (!base.has(p)) out.add(p);
  return [...out].sort();
}
