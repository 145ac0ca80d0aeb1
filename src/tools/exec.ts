// Runs helm/kubectl: argument arrays only (never a shell), a hard timeout that kills the
// whole process group (a wrapper script's children too), stderr always kept.

export interface RunOptions {
  /** Kill the process group after this many ms. */
  timeoutMs: number;
  /** Extra environment entries. */
  env?: Record<string, string>;
  /** Stop the process group once stdout holds more than this many bytes (default 1 GB). */
  maxOutputBytes?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number | undefined;
  /** The signal that ended the process (e.g. SIGSEGV), when one did. */
  signal?: string;
  /** Set to the limit when the output grew beyond maxOutputBytes (the process group was stopped). */
  tooLarge?: number;
  /** True when we killed it at the timeout. */
  timedOut: boolean;
  /** Set when the binary could not be started at all (ENOENT, EACCES). */
  spawnError?: string;
}

const KILL_GRACE_MS = 2_000;

/** Printable form of a command for messages; arguments with spaces or quotes are quoted. */
export function formatCommand(bin: string, args: readonly string[]): string {
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [bin, ...args].map(q).join(' ');
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Group already gone.
  }
}

export async function run(bin: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  // Loaded on the first process: a warm run (renders cached, tool versions known) spawns none,
  // and execa's ~100 modules were a tenth of its CPU.
  const { execa } = await import('execa');
  // detached: the child leads its own process group, so a timeout can kill its children too.
  const child = execa(bin, args, {
    env: opts.env,
    detached: true,
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
    maxBuffer: opts.maxOutputBytes ?? 1024 * 1024 * 1024,
    cleanup: true,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid, 'SIGTERM');
    setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
  }, opts.timeoutMs);
  try {
    const res = await child;
    const tooLarge = res.isMaxBuffer ? (opts.maxOutputBytes ?? 1024 * 1024 * 1024) : undefined;
    // The leader may exit while a child it spawned lingers: sweep the group either way.
    if (timedOut || tooLarge) killGroup(child.pid, 'SIGKILL');
    const code = (res as { code?: string }).code;
    const spawnError = res.failed && res.exitCode === undefined && !timedOut && !res.isTerminated && !tooLarge ? (code ?? res.shortMessage) : undefined;
    return {
      stdout: typeof res.stdout === 'string' ? res.stdout : '',
      stderr: typeof res.stderr === 'string' ? res.stderr : '',
      exitCode: res.exitCode,
      ...(res.signal ? { signal: res.signal } : {}),
      ...(tooLarge ? { tooLarge } : {}),
      timedOut,
      spawnError,
    };
  } finally {
    clearTimeout(timer);
  }
}
