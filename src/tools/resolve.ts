// Picks the helm 4, helm 3 and kubectl binaries: an environment variable wins,
// else the pinned build. Each is checked once per process for the major version
// we expect, so a wrong binary fails with one plain message instead of odd renders.
import { access, constants, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../errors.js';
import { cacheRoot } from '../paths.js';
import { run } from './exec.js';
import { detectedPlatform, onPath, PINNED_PLATFORM, pinnedRunsHere } from './platform.js';
import { provisionPinned } from './provision.js';

export type ToolId = 'helm4' | 'helm3' | 'kubectl';

export interface Tool {
  id: ToolId;
  /** Absolute path of the binary. */
  path: string;
  /** Version the binary reports, e.g. v4.1.4. */
  version: string;
  /** Extra component versions (kubectl: kustomize). */
  extra: Record<string, string>;
  /**
   * pinned: extracted from the npm package; env: named by an environment variable; path: found
   * on PATH (the pinned builds do not run on this platform); missing: none found, its renders are skipped.
   */
  source: 'pinned' | 'env' | 'path' | 'missing';
  /** What the user should know about this choice (PATH binary taken, renderer skipped). */
  note?: string;
  /** The environment variable that names it (when source is env). */
  envVar: string;
}

export type Tools = Record<ToolId, Tool>;

interface ToolSpec {
  envVar: string;
  /** Major version the suite is written for. */
  major: number;
  label: string;
}

const SPECS: Record<ToolId, ToolSpec> = {
  helm4: { envVar: 'HELM_BIN', major: 4, label: 'helm 4' },
  helm3: { envVar: 'HELM3_BIN', major: 3, label: 'helm 3' },
  kubectl: { envVar: 'KUBECTL_BIN', major: 1, label: 'kubectl' },
};

/** How long a `version` probe may take; HCT_PROBE_TIMEOUT_MS (a positive integer) overrides it, as the specs do. */
function versionTimeoutMs(): number {
  const ms = Number(process.env.HCT_PROBE_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : 20_000;
}

/** What a binary reports about itself. */
type Probed = Pick<Tool, 'version' | 'extra'>;

async function probeVersion(id: ToolId, bin: string): Promise<Probed> {
  const args = id === 'kubectl' ? ['version', '--client', '-o', 'json'] : ['version', '--template', '{{.Version}}'];
  // run() kills the whole process group at the timeout: a wrapper whose child hangs ends too.
  const timeoutMs = versionTimeoutMs();
  const res = await run(bin, args, { timeoutMs });
  if (res.timedOut || res.spawnError !== undefined || res.exitCode !== 0) {
    const why = res.timedOut
      ? `timed out after ${timeoutMs / 1000}s`
      : (res.spawnError ?? (res.stderr.trim() || (res.signal ? `killed by ${res.signal}` : `exit code ${res.exitCode}`)));
    throw new Error(`\`${bin} ${args.join(' ')}\` failed: ${why.split('\n')[0]}`);
  }
  if (id !== 'kubectl') return { version: res.stdout.trim(), extra: {} };
  try {
    const parsed = JSON.parse(res.stdout) as { clientVersion?: { gitVersion?: string }; kustomizeVersion?: string };
    return { version: parsed.clientVersion?.gitVersion ?? 'unknown', extra: { kustomize: parsed.kustomizeVersion ?? 'unknown' } };
  } catch {
    throw new Error(`\`${bin} ${args.join(' ')}\` printed no version JSON: ${res.stdout.slice(0, 80)}`);
  }
}

// Every CLI run probes three binaries (~0.2 s). A successful probe is kept on disk, keyed by
// path, size and mtime, so a binary replaced in place is probed again; failures never are kept.
async function probeVersionMemo(id: ToolId, bin: string): Promise<Probed> {
  const file = path.join(cacheRoot(), 'tools', 'versions.json');
  const st = await stat(bin);
  const key = `${id}\0${path.resolve(bin)}\0${st.size}\0${st.mtimeMs}`;
  const hit = (await readMemo(file))[key];
  if (hit && typeof hit.version === 'string') return hit;
  const probed = await probeVersion(id, bin);
  await remember(file, key, probed);
  return probed;
}

/** The version memo; a missing or unreadable one (e.g. cut short by a crash) is empty, not an error. */
async function readMemo(file: string): Promise<Record<string, Probed>> {
  try {
    const memo: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof memo === 'object' && memo !== null ? (memo as Record<string, Probed>) : {};
  } catch {
    return {};
  }
}

// The three tools are probed in parallel: each write re-reads the memo after the previous
// one, or on a cold cache the last of three read-modify-writes would drop the other two entries.
let memoWrites: Promise<void> = Promise.resolve();

function remember(file: string, key: string, probed: Probed): Promise<void> {
  memoWrites = memoWrites.then(async () => {
    try {
      const memo = await readMemo(file);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ ...memo, [key]: probed }));
      await rename(tmp, file);
    } catch {
      // A read-only cache only costs the next run a probe.
    }
  });
  return memoWrites;
}

function majorOf(version: string): number | undefined {
  const m = /^v?(\d+)\./.exec(version);
  return m ? Number(m[1]) : undefined;
}

async function checkTool(id: ToolId, bin: string, source: Tool['source']): Promise<Tool> {
  const spec = SPECS[id];
  const origin = source === 'env' ? `${spec.envVar}=${bin}` : `pinned ${bin}`;
  const fix =
    source === 'env'
      ? `fix: point ${spec.envVar} at a ${spec.label} binary, or unset it to use the pinned one`
      : 'fix: run `npm ci` to reinstall the pinned tools';
  if (
    await stat(bin).then(
      (s) => s.isDirectory(),
      () => false,
    )
  ) {
    throw new ToolError(`${spec.label}: ${origin} is a directory, not a binary.\n  expected: an executable ${spec.label} (v${spec.major}.x)\n  ${fix}`);
  }
  try {
    await access(bin, constants.X_OK);
  } catch {
    throw new ToolError(`${spec.label}: ${origin} is missing or not executable.\n  expected: an executable ${spec.label} (v${spec.major}.x)\n  ${fix}`);
  }
  let probed: Probed;
  try {
    probed = await probeVersionMemo(id, bin);
  } catch (err) {
    throw new ToolError(`${spec.label}: ${origin} does not report a version.\n  found: ${(err as Error).message}\n  ${fix}`);
  }
  if (majorOf(probed.version) !== spec.major) {
    throw new ToolError(`${spec.label}: ${origin} is the wrong version.\n  expected: v${spec.major}.x\n  found: ${probed.version}\n  ${fix}`);
  }
  return { id, path: bin, version: probed.version, extra: probed.extra, source, envVar: spec.envVar };
}

/** Names a binary of each tool goes by on PATH, most specific first. */
const PATH_NAMES: Record<ToolId, string[]> = { helm4: ['helm4', 'helm'], helm3: ['helm3', 'helm'], kubectl: ['kubectl'] };

/**
 * Off the pinned platform: the first binary on PATH with the right major. None: a helm major
 * is skipped with a note (an error under CI, where a missing renderer must fail the check);
 * kubectl, which every dual-mode chart needs, is always an error.
 */
async function fromPath(id: ToolId): Promise<Tool> {
  const spec = SPECS[id];
  const platform = detectedPlatform();
  const tried: string[] = [];
  for (const bin of await onPath(PATH_NAMES[id])) {
    const probed = await probeVersionMemo(id, bin).catch(() => undefined);
    tried.push(`${bin} ${probed?.version ?? '(no version)'}`);
    if (probed && majorOf(probed.version) === spec.major) {
      const note = `${spec.label}: using ${bin} (${probed.version}) from PATH: the pinned builds are ${PINNED_PLATFORM}, this is ${platform}`;
      return { id, path: bin, version: probed.version, extra: probed.extra, source: 'path', envVar: spec.envVar, note };
    }
  }
  const seen = tried.length ? `found only ${tried.join(', ')}` : `no ${PATH_NAMES[id].join(' or ')} on PATH`;
  const how = `install ${spec.label} (v${spec.major}.x) as ${PATH_NAMES[id][0]} on PATH, or set ${spec.envVar}=/path/to/it`;
  if (id === 'kubectl' || process.env.CI) {
    throw new ToolError(`${spec.label}: no v${spec.major}.x found for ${platform} (the pinned builds are ${PINNED_PLATFORM}): ${seen}.\n  fix: ${how}`);
  }
  const note = `${spec.label}: no v${spec.major}.x on ${platform} (${seen}); ${id} renders are skipped. To add them: ${how}`;
  return { id, path: '', version: '', extra: {}, source: 'missing', envVar: spec.envVar, note };
}

let cached: Promise<Tools> | undefined;

/** Resolve and check all three tools (memoised per process). */
export function resolveTools(): Promise<Tools> {
  cached ??= (async () => {
    const pinnedHere = pinnedRunsHere();
    const needPinned = pinnedHere && (Object.keys(SPECS) as ToolId[]).some((id) => !process.env[SPECS[id].envVar]);
    const pinned = needPinned ? await provisionPinned() : undefined;
    const pick = (id: ToolId): Promise<Tool> => {
      const fromEnv = process.env[SPECS[id].envVar];
      if (fromEnv) return checkTool(id, fromEnv, 'env');
      return pinnedHere ? checkTool(id, pinned![id], 'pinned') : fromPath(id);
    };
    const [helm4, helm3, kubectl] = await Promise.all([pick('helm4'), pick('helm3'), pick('kubectl')]);
    return { helm4, helm3, kubectl };
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}

/** Forget the memoised tools, so the next resolveTools reads HELM_BIN, HCT_CACHE_DIR… again (the bench and specs change them between suites). */
export function forgetResolvedTools(): void {
  cached = undefined;
}
