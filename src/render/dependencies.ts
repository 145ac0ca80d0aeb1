// Chart dependencies, offline: which ones charts/ vendors, a plain error naming the rest,
// or a temp copy of the chart with empty stub charts in their place. helm itself would
// only say "run helm dependency build", which needs the network; renders here never do.
// Spawns no process.
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { RenderError, type RenderContext } from '../errors.js';
import { isMap } from '../manifests/yaml.js';
import { readYamlMap } from './chart-yaml.js';

/** One entry of Chart.yaml `dependencies` (or requirements.yaml for apiVersion v1 charts). */
export interface ChartDependency {
  name: string;
  /** Version or semver range as written; '' when none is given. */
  version: string;
  /** '' when none is given. */
  repository: string;
  alias?: string;
  condition?: string;
}

/** A declared dependency that charts/ does not vendor. */
export interface MissingDependency extends ChartDependency {
  /** `<name>-<x>.tgz` files in charts/ whose x does not satisfy `version` (helm dependency build would replace them). */
  stale: string[];
}

/** An empty chart written into a stubbed copy in place of a missing dependency. */
export interface StubChart {
  name: string;
  /** Exact version written to its Chart.yaml: the declared one, or the lowest satisfying a range. */
  version: string;
  /** The version or range as declared. */
  declared: string;
  repository: string;
}

export interface DependencyPlan {
  /** The file the dependencies were read from (Chart.yaml or requirements.yaml). */
  file: string;
  missing: MissingDependency[];
  /** One per distinct missing name and version (aliases of one chart share a stub). */
  stubs: StubChart[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function toDependencies(list: unknown): ChartDependency[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isMap).flatMap((d) => {
    const name = str(d.name);
    if (!name) return [];
    const dep: ChartDependency = { name, version: str(d.version).trim(), repository: str(d.repository) };
    if (str(d.alias)) dep.alias = str(d.alias);
    if (str(d.condition)) dep.condition = str(d.condition);
    return [dep];
  });
}

/** The chart's declared dependencies. helm lets a requirements.yaml (apiVersion v1 charts) override Chart.yaml's. */
async function readDependencies(chartDir: string): Promise<{ file: string; dependencies: ChartDependency[] }> {
  const requirements = path.join(chartDir, 'requirements.yaml');
  const req = await readYamlMap(requirements);
  if (req && Array.isArray(req.dependencies)) return { file: requirements, dependencies: toDependencies(req.dependencies) };
  const chartFile = path.join(chartDir, 'Chart.yaml');
  return { file: chartFile, dependencies: toDependencies((await readYamlMap(chartFile))?.dependencies) };
}

// helm's ranges (Masterminds semver) separate AND-ed comparators with commas; node-semver with spaces.
function nodeRange(range: string): string | null {
  return semver.validRange(range.replace(/,/g, ' '), { loose: true });
}

/** Whether `version` satisfies a declared version or range ('' accepts any). */
export function satisfiesDeclared(version: string, declared: string): boolean {
  if (!declared) return true;
  const range = nodeRange(declared);
  return range ? semver.satisfies(version, range, { loose: true }) : version === declared;
}

/** The version a stub gets: the exact one declared, else the lowest satisfying the range, so helm's alias/condition matching accepts it. */
export function stubVersion(declared: string): string {
  const exact = semver.valid(declared, { loose: true });
  if (exact) return exact;
  const range = nodeRange(declared);
  return (range && semver.minVersion(range)?.version) || '0.0.0';
}

interface ChartsDirContents {
  /** Chart.yaml names of the directories in charts/. */
  dirNames: Set<string>;
  /** `.tgz` file names in charts/. */
  tgzFiles: string[];
}

async function scanChartsDir(chartDir: string): Promise<ChartsDirContents> {
  const dir = path.join(chartDir, 'charts');
  const entries = await readdir(dir).catch(() => [] as string[]);
  const dirNames = new Set<string>();
  const tgzFiles: string[] = [];
  for (const entry of entries) {
    if (entry.endsWith('.tgz')) {
      tgzFiles.push(entry);
      continue;
    }
    // helm loads every directory in charts/ by its Chart.yaml name, whatever the folder is called.
    const isDir = await stat(path.join(dir, entry)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    const name = isDir ? str((await readYamlMap(path.join(dir, entry, 'Chart.yaml')))?.name) : '';
    if (name) dirNames.add(name);
  }
  return { dirNames, tgzFiles };
}

/** `<name>-<x>.tgz` → x when it is a version (so `redis-cluster-1.0.0.tgz` is not a `redis`). */
function tgzVersion(file: string, name: string): string | undefined {
  if (!file.startsWith(`${name}-`)) return undefined;
  const rest = file.slice(name.length + 1, -'.tgz'.length);
  return semver.valid(rest, { loose: true }) ? rest : undefined;
}

/** Read the declared dependencies and decide, for each, whether charts/ vendors it. */
export async function planDependencies(chartDir: string): Promise<DependencyPlan> {
  const { file, dependencies } = await readDependencies(chartDir);
  if (dependencies.length === 0) return { file, missing: [], stubs: [] };
  const charts = await scanChartsDir(chartDir);
  const missing: MissingDependency[] = [];
  for (const dep of dependencies) {
    if (charts.dirNames.has(dep.name)) continue;
    const tgz = charts.tgzFiles.flatMap((f) => {
      const v = tgzVersion(f, dep.name);
      return v === undefined ? [] : [{ file: f, ok: satisfiesDeclared(v, dep.version) }];
    });
    if (tgz.some((t) => t.ok)) continue;
    missing.push({ ...dep, stale: tgz.map((t) => t.file) });
  }
  const stubs = new Map<string, StubChart>();
  for (const dep of missing) {
    const version = stubVersion(dep.version);
    const key = `${dep.name}@${version}`;
    if (!stubs.has(key)) stubs.set(key, { name: dep.name, version, declared: dep.version, repository: dep.repository });
  }
  return { file, missing, stubs: [...stubs.values()] };
}

const repo = (r: string) => `(${r || 'no repository'})`;

/** `name version (repository)` as declared. */
function describeDependency(dep: ChartDependency): string {
  return `${dep.name} ${dep.version || '(no version)'} ${repo(dep.repository)}`;
}

/** The fail-mode error: which dependencies are missing, and the two ways out. Thrown before helm runs. */
export function missingDependenciesError(context: RenderContext, command: string, chartDir: string, plan: DependencyPlan): RenderError {
  const lines = plan.missing.map((d) => {
    const stale = d.stale.length ? `; charts/ has ${d.stale.join(', ')}, which does not satisfy ${d.version}` : '';
    return `  ${describeDependency(d)}${stale}`;
  });
  return new RenderError(
    context,
    `(not run) ${command}`,
    `${plan.file} declares ${plan.missing.length === 1 ? 'a dependency' : 'dependencies'} that ${path.join(chartDir, 'charts')}/ does not vendor:\n` +
      `${lines.join('\n')}\n` +
      'helm would have to fetch them from their repositories, and renders here never use the network.\n' +
      `fix: run \`helm dependency build ${chartDir}\` and commit charts/ (or vendor the charts there), ` +
      `or set \`dependencies: stub\` for chart ${context.chart} in the suite config to render without them`,
    'chart dependencies missing',
  );
}

/** The line a stubbed render carries in RenderedRelease.notes. */
export function stubNote(stubs: StubChart[]): string {
  const list = stubs.map((s) => {
    const version = s.declared && s.declared !== s.version ? `${s.version} for ${s.declared}` : s.version;
    return `${s.name} ${version} ${repo(s.repository)}`;
  });
  return `dependencies stubbed: ${list.join(', ')} — their templates are not rendered`;
}

/**
 * Copy the chart to `dest` (a fresh path inside a temp dir the caller removes) and write an
 * empty chart for every stub; tgz files of a missing dependency with a non-matching version
 * are dropped from the copy, or helm would render them beside the stub. The original is never written.
 */
export async function writeStubbedCopy(chartDir: string, dest: string, plan: DependencyPlan): Promise<void> {
  await cp(chartDir, dest, { recursive: true });
  const charts = path.join(dest, 'charts');
  await mkdir(charts, { recursive: true });
  for (const file of new Set(plan.missing.flatMap((d) => d.stale))) await rm(path.join(charts, file), { force: true });
  const taken = new Set(await readdir(charts));
  for (const stub of plan.stubs) {
    // helm names a chart by its Chart.yaml, not its folder; the folder only has to be free.
    let folder = stub.name;
    for (let i = 1; taken.has(folder); i++) folder = `${stub.name}-stub-${i}`;
    taken.add(folder);
    await mkdir(path.join(charts, folder));
    await writeFile(
      path.join(charts, folder, 'Chart.yaml'),
      `apiVersion: v2\nname: ${JSON.stringify(stub.name)}\nversion: ${JSON.stringify(stub.version)}\ntype: application\n` +
        `description: ${JSON.stringify(`empty stub written by helm-contract-tests for ${stub.repository || 'a dependency'}`)}\n`,
    );
    await writeFile(path.join(charts, folder, 'values.yaml'), '');
  }
}
