// The PR workflow cannot rot silently: every npm script, npx binary and path it names
// exists (or is produced earlier in its job), the shard matrix matches `--shard=i/N`,
// and each job installs with `npm ci` before anything else.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkWorkflow, shellCommands, type Job, type PackageJson, type Step, type WorkflowFacts } from '../support/workflow.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WORKFLOW_FILE = path.join(ROOT, '.github', 'workflows', 'chart-contracts.yml');
const WORKFLOW = readFileSync(WORKFLOW_FILE, 'utf8');
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const REPO: WorkflowFacts = { pkg: PKG, exists: (p) => existsSync(path.join(ROOT, p)) };

interface Wf {
  on: Record<string, unknown>;
  jobs: Record<string, Job & { steps: Step[] }>;
}
const wf = parse(WORKFLOW) as Wf;
const runs = (job: string) => wf.jobs[job].steps.filter((s) => s.run).map((s) => s.run!.trim());

describe('chart-contracts workflow', () => {
  it('is sound against this repository (scripts, binaries, paths, shards, npm ci first)', () => {
    expect(checkWorkflow(WORKFLOW, REPO)).toEqual([]);
  });

  it('runs on pull_request with Node 20 in every job', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    for (const [id, job] of Object.entries(wf.jobs)) {
      const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node'));
      expect(setup?.with?.['node-version'], `job ${id}`).toBe(20);
    }
  });

  it('shards with blob reports and merges them into one JUnit file with github-actions annotations', () => {
    expect(runs('test')).toContain('npm test -- --shard=${{ matrix.shard }}/2 --reporter=blob --reporter=default');
    const upload = wf.jobs.test.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    // .vitest-reports is a hidden folder: upload-artifact@v4 skips it unless told otherwise.
    expect(upload?.with).toMatchObject({ path: '.vitest-reports/*', 'include-hidden-files': true });
    expect(wf.jobs.contracts.needs).toBe('test');
    expect(runs('contracts')).toContain('npx vitest --merge-reports --reporter=junit --outputFile.junit=reports/junit.xml --reporter=github-actions');
    // A crashed shard must fail the required job, not shrink the test count.
    expect(runs('contracts').some((r) => r.includes('exit 1'))).toBe(true);
  });

  it('runs the bump script against the PR base with full history', () => {
    const checkout = wf.jobs.bump.steps.find((s) => s.uses?.startsWith('actions/checkout'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    expect(runs('bump')).toContain('npm run verify-bump -- --base origin/${{ github.base_ref }} --markdown "$GITHUB_STEP_SUMMARY"');
  });

  it('type-checks and lints in the test job (so the required check needs them), once, even after a test failure', () => {
    const steps = wf.jobs.test.steps;
    for (const cmd of ['npm run typecheck', 'npm run lint']) {
      const step = steps.find((s) => s.run?.trim() === cmd);
      expect(step, cmd).toBeDefined();
      expect(step!.if).toBe('${{ !cancelled() && matrix.shard == 1 }}');
    }
    expect(PKG.scripts?.typecheck).toBe('tsc --noEmit');
    expect(PKG.scripts?.lint).toContain('lint:workflows');
  });

  it('.ci/run type-checks and lints before the tests', () => {
    const ci = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8').split('\n');
    const at = (cmd: string) => ci.findIndex((l) => l.trim() === cmd);
    expect(at('npm run typecheck')).toBeGreaterThan(at('npm ci --no-audit --no-fund'));
    expect(at('npm run lint')).toBeGreaterThan(at('npm run typecheck'));
    expect(at('npm test')).toBeGreaterThan(at('npm run lint'));
  });

  it('the vitest flags it uses exist in the installed vitest CLI', () => {
    const cli = readFileSync(findCliChunk(), 'utf8');
    for (const flag of ['shard', 'mergeReports', 'outputFile', 'reporter']) expect(cli).toContain(`${flag}: {`);
    for (const reporter of ['blob', 'junit', 'github-actions']) expect(cli).toContain(reporter);
  });
});

/** The installed vitest's CLI definitions (a hashed chunk name, so found by prefix). */
function findCliChunk(): string {
  const dir = path.join(ROOT, 'node_modules', 'vitest', 'dist', 'chunks');
  const name = readdirSync(dir).find((f) => f.startsWith('cac.') && f.endsWith('.js'));
  if (!name) throw new Error(`no cac chunk in ${dir}`);
  return path.join(dir, name);
}

describe('workflow checker (known-bad workflows)', () => {
  // The sound workflow against a repo where every script file exists, so each case shows
  // exactly the one problem its edit introduces (the real repo is checked above).
  const scriptFiles = Object.values(PKG.scripts ?? {}).flatMap((c) => /^tsx\s+(\S+)/.exec(c)?.[1] ?? []);
  const REPO_COMPLETE: WorkflowFacts = { pkg: PKG, exists: (p) => REPO.exists(p) || scriptFiles.includes(p) };
  it('baseline: the unedited workflow has no problem', () => {
    expect(checkWorkflow(WORKFLOW, REPO_COMPLETE)).toEqual([]);
  });
  const edit = (from: string, to: string) => {
    expect(WORKFLOW).toContain(from);
    return WORKFLOW.replace(from, to);
  };

  it('names the missing script, its step and the known scripts', () => {
    const bad = edit('npm run verify-bump --', 'npm run verify-bumps --');
    expect(checkWorkflow(bad, REPO_COMPLETE)).toEqual([
      `job bump step 4 ("verify chart bump"): \`npm run verify-bumps\` names no script in package.json (known: ${Object.keys(PKG.scripts!).join(', ')})`,
    ]);
  });

  it('a script whose file is gone', () => {
    const pkg = { ...PKG, scripts: { ...PKG.scripts, check: 'tsx scripts/gone.ts' } };
    expect(checkWorkflow(WORKFLOW, { ...REPO_COMPLETE, pkg })).toEqual([
      'job report step 4 ("check every chart in every cell"): package.json script check runs scripts/gone.ts, which does not exist',
    ]);
  });

  it('shard matrix out of step with the --shard total', () => {
    const bad = edit('shard: [1, 2]', 'shard: [1, 2, 3]');
    expect(checkWorkflow(bad, REPO_COMPLETE)).toEqual(['job test: matrix.shard is [1,2,3] but --shard=…/2 needs [1,2]']);
  });

  it('npm ci must come first', () => {
    const bad = edit('      - name: install\n        run: npm ci --no-audit --no-fund\n      - name: verify chart bump', '      - name: verify chart bump');
    expect(checkWorkflow(bad, REPO_COMPLETE)).toEqual([
      'job bump: first run step is `npm run verify-bump -- --base origin/${{github.base_ref}} --markdown $GITHUB_STEP_SUMMARY`, expected `npm ci` first',
    ]);
  });

  it('paths: a missing input file, an upload nothing produced, an npx binary not installed', () => {
    const bad = edit('cat out/report.md', 'cat outs/report.md')
      .replace('path: reports/junit.xml', 'path: report/junit.xml')
      .replace('npx vitest --merge-reports', 'npx vitests --merge-reports');
    expect(checkWorkflow(bad, REPO_COMPLETE)).toEqual([
      'job contracts step 5 ("merge shard reports"): `npx vitests` is not a dependency in package.json',
      'job contracts step 6 ("upload junit"): uploads report/junit.xml, which no earlier step produces and the repo does not have',
      'job report step 5 ("matrix to job summary"): path outs/report.md does not exist and no earlier step produces it',
    ]);
  });

  it('shell words: quotes, continuations, operators, actions expressions', () => {
    expect(shellCommands('npm ci && npm test -- --shard=${{ matrix.shard }}/2 \\\n  --reporter=blob; echo "a b" > out/x.txt # done')).toEqual([
      ['npm', 'ci'],
      ['npm', 'test', '--', '--shard=${{matrix.shard}}/2', '--reporter=blob'],
      ['echo', 'a b', '>', 'out/x.txt'],
    ]);
  });
});
