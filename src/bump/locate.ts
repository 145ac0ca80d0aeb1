// Where verify-bump looks: the charts root inside the repository, and each side's suite
// config file (the same repository path in each tree, or one file outside for both).
import path from 'node:path';
import { DEFAULT_CONFIG_NAME as CONFIG_NAME, isDirectory, isFile } from '../config/load.js';
import type { SuiteConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import { pathInCommit, repoTop } from './git.js';
import { loadConfigAt } from './sides.js';

/** The charts root looked for under the repository top when none is named. */
const DEFAULT_ROOT = 'charts-under-test';

/** The repository verify-bump reads, and how messages name it. */
export interface Repository {
  top: string;
  /** `this repository` when it holds the working directory, else `the repository <top>`. */
  where: string;
  /** The charts root as chooseRoot takes it (relative to the top, or absolute). */
  root: string | undefined;
}

/**
 * The repository of a run: the one holding the charts root when the root lies outside the
 * working directory's repository (or there is none), else the working directory's. A root
 * relative to the repository top, as before, keeps meaning that.
 */
export async function findRepository(cwd: string, root: string | undefined): Promise<Repository> {
  const here = root ? await repoTop(cwd).catch(() => undefined) : await repoTop(cwd);
  if (here !== undefined && (!root || isWithin(here, path.resolve(here, root)))) return { top: here, where: 'this repository', root };
  const abs = path.resolve(cwd, root!);
  const top = await repoTop(await nearestExisting(abs));
  return { top, where: top === here ? 'this repository' : `the repository ${top}`, root: abs };
}

function isWithin(top: string, abs: string): boolean {
  const rel = path.relative(top, abs);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** `dir`, or its closest existing parent (a root may exist only in the base revision). */
async function nearestExisting(dir: string): Promise<string> {
  let at = dir;
  while (!(await isDirectory(at)) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

/** The charts root relative to the top: --root/CHARTS_ROOT, else charts-under-test with a suite.yaml, else the top. */
export async function chooseRoot(
  top: string,
  root: string | undefined,
  workTree: string | undefined,
  baseSha: string,
  headSha: string | undefined,
): Promise<string> {
  if (root !== undefined && root !== '') {
    const abs = path.resolve(top, root);
    const rel = path.relative(top, abs);
    if (!isWithin(top, abs)) throw new UserError(`--root ${root} is outside the repository ${top}`, 2);
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
export function configLocator(top: string, rootRel: string, config: string | undefined, cwd: string | undefined): (sideTop: string) => string {
  if (config === undefined || config === '') return (sideTop) => path.join(sideTop, rootRel, CONFIG_NAME);
  const abs = path.resolve(cwd ?? process.cwd(), config);
  const rel = path.relative(top, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return () => abs;
  return (sideTop) => path.join(sideTop, rel);
}

/** Head's suite config; else base's (read against the head tree); else a UserError. */
export async function headSuiteConfig(
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

/** A repository-relative path under `dir` ('' = the top). */
export function posixJoin(dir: string, rel: string): string {
  return dir ? `${dir}/${rel}` : rel;
}
