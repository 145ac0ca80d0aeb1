// Checks a GitHub Actions workflow against the repository so it cannot rot silently:
// every `npm run X` / `npm X` names a package.json script (whose own `tsx FILE` exists),
// every `npx BIN` is a dependency, every path a step reads exists in the repo or is
// produced by an earlier step of the same job, the shard matrix matches `--shard=i/N`,
// and each job's first `run` step is `npm ci`.
import { parse } from 'yaml';

export interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export interface WorkflowFacts {
  pkg: PackageJson;
  /** Does this repo-relative path exist? */
  exists: (relPath: string) => boolean;
}

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
}

/** npm subcommands that are npm's own, not package.json scripts. */
const NPM_BUILTINS = new Set(['ci', 'install', 'i', 'exec', 'x', 'config', 'cache', 'ls', 'version', 'pack', 'audit', 'prune', 'rebuild']);
/** `npm X` shorthands that run package.json script X. */
const NPM_LIFECYCLE = new Set(['test', 't', 'start', 'stop', 'restart']);
/** Flags whose value is a path the command writes (not reads). */
const OUTPUT_FLAGS = /^--(outputFile(\.[\w-]+)?|report|markdown|out|output|o)$/;
/** Flags whose value looks like a path but is not one. */
const NOT_PATH_FLAGS = new Set(['--shard', '--base', '--head', '--reporter']);
/** Where vitest's blob reporter writes when given no --outputFile. */
const BLOB_DIR = '.vitest-reports';

/** Split a shell line into words (quotes honoured, no expansion); `&&`, `||`, `;`, `|` separate commands. */
export function shellCommands(script: string): string[][] {
  // Actions expressions may hold spaces (`${{ matrix.shard }}`): squeeze them into one word first.
  const text = script.replace(/\\\r?\n/g, ' ').replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => `\${{${e.replace(/\s+/g, '')}}}`);
  const commands: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    let words: string[] = [];
    let word = '';
    let inWord = false;
    let quote: string | undefined;
    const endWord = () => {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    };
    const endCommand = () => {
      endWord();
      if (words.length) commands.push(words);
      words = [];
    };
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === quote) quote = undefined;
        else word += ch;
        continue;
      }
      if (ch === '"' || ch === "'") {
        quote = ch;
        inWord = true;
      } else if (ch === '#' && !inWord) {
        break;
      } else if (/\s/.test(ch)) {
        endWord();
      } else if (ch === ';' || ch === '|' || ch === '&') {
        if ((ch === '|' || ch === '&') && line[i + 1] === ch) i++;
        endCommand();
      } else if (ch === '>') {
        endWord();
        if (line[i + 1] === '>') i++;
        words.push('>');
      } else {
        word += ch;
        inWord = true;
      }
    }
    endCommand();
  }
  return commands;
}

function isPathLike(s: string): boolean {
  if (!s || s.includes('$') || s.includes('://') || s.startsWith('-')) return false;
  return /^(\.{1,2}\/)?[\w@.*-]+(\/[\w@.*-]*)+$/.test(s) || /^[\w@.-]+\.(ts|js|mjs|cjs|json|ya?ml|sh|md|html|xml)$/.test(s);
}

/** The directory part of a path before any glob segment, without trailing slash. */
function base(p: string): string {
  const segs = p.replace(/^\.\//, '').split('/');
  const i = segs.findIndex((s) => s.includes('*'));
  return (i === -1 ? segs : segs.slice(0, i)).filter(Boolean).join('/');
}

function covered(p: string, produced: Set<string>): boolean {
  const b = base(p);
  for (const q of produced) if (b === q || b.startsWith(`${q}/`) || q.startsWith(`${b}/`)) return true;
  return false;
}

function stepLabel(jobId: string, i: number, step: Step): string {
  const what = step.name ?? step.uses ?? (step.run ?? '').split('\n')[0];
  return `job ${jobId} step ${i + 1} (${JSON.stringify(what)})`;
}

/** Script file a package.json script runs with tsx/node, if any. */
function scriptFile(command: string): string | undefined {
  const m = /^(?:tsx|node)\s+(\S+\.(?:ts|js|mjs))\b/.exec(command.trim());
  return m?.[1];
}

/** Every problem of the workflow text, one plain sentence each (empty when it is sound). */
export function checkWorkflow(text: string, facts: WorkflowFacts): string[] {
  const problems: string[] = [];
  const wf = parse(text) as { on?: unknown; jobs?: Record<string, Job> } | null;
  if (!wf || typeof wf !== 'object' || !wf.jobs) return ['workflow has no jobs'];
  const scripts = facts.pkg.scripts ?? {};
  const deps = { ...facts.pkg.dependencies, ...facts.pkg.devDependencies };
  const known = Object.keys(scripts).join(', ');

  const checkScript = (where: string, name: string) => {
    const command = scripts[name];
    if (command === undefined) {
      problems.push(`${where}: \`npm run ${name}\` names no script in package.json (known: ${known})`);
      return;
    }
    const file = scriptFile(command);
    if (file && !facts.exists(file)) problems.push(`${where}: package.json script ${name} runs ${file}, which does not exist`);
  };

  for (const [jobId, job] of Object.entries(wf.jobs)) {
    const steps = job.steps ?? [];
    const produced = new Set<string>();
    let firstRun = true;
    const shardTotals: { key: string; total: number; where: string }[] = [];

    steps.forEach((step, i) => {
      const where = stepLabel(jobId, i, step);
      const uses = step.uses ?? '';
      const withPaths =
        typeof step.with?.path === 'string'
          ? step.with.path
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean)
          : [];
      if (uses.startsWith('actions/download-artifact')) for (const p of withPaths) produced.add(base(p));
      if (uses.startsWith('actions/upload-artifact')) {
        for (const p of withPaths)
          if (!facts.exists(base(p) || '.') && !covered(p, produced)) {
            problems.push(`${where}: uploads ${p}, which no earlier step produces and the repo does not have`);
          }
      }
      if (step.run === undefined) return;

      const commands = shellCommands(step.run);
      if (firstRun) {
        firstRun = false;
        const first = commands[0] ?? [];
        if (first[0] !== 'npm' || first[1] !== 'ci') {
          problems.push(`job ${jobId}: first run step is \`${first.join(' ')}\`, expected \`npm ci\` first`);
        }
      }
      for (const words of commands) {
        const [cmd, sub, arg] = words;
        if (cmd === 'npm' && sub !== undefined) {
          if (sub === 'run' || sub === 'run-script') {
            if (arg === undefined || arg.startsWith('-')) problems.push(`${where}: \`npm ${sub}\` without a script name`);
            else checkScript(where, arg);
          } else if (NPM_LIFECYCLE.has(sub)) {
            checkScript(where, sub === 't' ? 'test' : sub);
          } else if (!NPM_BUILTINS.has(sub) && !sub.startsWith('-')) {
            checkScript(where, sub);
          }
        }
        if (cmd === 'npx' && sub !== undefined && !sub.startsWith('-') && !(sub in deps)) {
          problems.push(`${where}: \`npx ${sub}\` is not a dependency in package.json`);
        }
        // Paths: what this command writes is produced for later steps; what it reads must exist.
        const reads: string[] = [];
        for (let w = 1; w < words.length; w++) {
          const word = words[w];
          const eq = /^(--[\w.-]+)=(.*)$/.exec(word);
          if (eq) {
            const [, flag, value] = eq;
            if (flag === '--reporter' && value === 'blob') produced.add(BLOB_DIR);
            if (OUTPUT_FLAGS.test(flag)) (produced.add(base(value)), produced.add(base(value).split('/').slice(0, -1).join('/') || base(value)));
            else if (!NOT_PATH_FLAGS.has(flag) && isPathLike(value)) reads.push(value);
            continue;
          }
          if (word === '>' && words[w + 1]) {
            produced.add(base(words[++w]));
            continue;
          }
          if (word.startsWith('-')) {
            const next = words[w + 1];
            if (next !== undefined && !next.startsWith('-')) {
              if (OUTPUT_FLAGS.test(word)) (produced.add(base(next)), w++);
              else if (NOT_PATH_FLAGS.has(word)) w++;
            }
            if (word === '--reporter' && next === 'blob') produced.add(BLOB_DIR);
            continue;
          }
          if (cmd === 'mkdir' && isPathLike(word)) produced.add(base(word));
          else if (isPathLike(word)) reads.push(word);
        }
        if (words.includes('--merge-reports') && !covered(BLOB_DIR, produced) && !facts.exists(BLOB_DIR)) {
          problems.push(`${where}: --merge-reports reads ${BLOB_DIR}, which no earlier step produces`);
        }
        for (const p of reads) {
          if (!facts.exists(base(p) || p) && !covered(p, produced)) problems.push(`${where}: path ${p} does not exist and no earlier step produces it`);
        }
        // Shards: --shard=${{ matrix.KEY }}/N.
        for (const word of words) {
          const m = /^--shard=\$\{\{matrix\.([\w-]+)\}\}\/(\d+)$/.exec(word);
          if (m) shardTotals.push({ key: m[1], total: Number(m[2]), where });
          else if (/^--shard=/.test(word)) problems.push(`${where}: ${word} does not take its index from the job matrix`);
        }
      }
    });

    for (const { key, total, where } of shardTotals) {
      const values = job.strategy?.matrix?.[key];
      const expected = Array.from({ length: total }, (_, k) => k + 1);
      if (!Array.isArray(values)) {
        problems.push(`${where}: --shard uses matrix.${key}, which job ${jobId} does not define`);
      } else if (JSON.stringify(values.map(Number)) !== JSON.stringify(expected)) {
        problems.push(`job ${jobId}: matrix.${key} is ${JSON.stringify(values)} but --shard=…/${total} needs ${JSON.stringify(expected)}`);
      }
    }
  }
  return problems;
}
