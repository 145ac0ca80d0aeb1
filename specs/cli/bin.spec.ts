// The compiled `helm-contract-tests` bin, spawned with node as npm links it: help on every
// command, plain usage errors, JSON alone on stdout, and the npm scripts calling the same bin.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { COMMANDS, TOP_USAGE } from '../../src/cli/commands.js';
import { BIN, binCommand, PROJECT } from '../support/bin.js';
import { NO_SUITE_ENV } from '../support/env.js';

const run = (command: string, args: string[] = []) =>
  command === ''
    ? execa(process.execPath, [BIN, ...args], { reject: false, env: NO_SUITE_ENV })
    : execa(...binCommand(command, args), { reject: false, env: NO_SUITE_ENV });

describe('helm-contract-tests bin', () => {
  it('is package.json bin, and the npm scripts run it (node, no tsx)', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin).toEqual({ 'helm-contract-tests': 'bin/helm-contract-tests.js' });
    expect(pkg.scripts.check).toBe('node bin/helm-contract-tests.js check');
    expect(pkg.scripts['verify-bump']).toBe('node bin/helm-contract-tests.js verify-bump');
    expect(pkg.scripts.tools).toBe('node bin/helm-contract-tests.js tools');
    expect(pkg.scripts.watch).toBe('node bin/helm-contract-tests.js check --watch');
  });

  it('--help lists the commands; exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const res = await run('', args);
      expect(res.exitCode).toBe(0);
      expect(res.stdout).toBe(TOP_USAGE);
    }
  });

  it.each(COMMANDS.map((c) => c.name))('%s --help prints its options; exit 0', async (name) => {
    const res = await run(name, ['--help']);
    const command = COMMANDS.find((c) => c.name === name)!;
    expect(res).toMatchObject({ exitCode: 0, stderr: '', stdout: `${command.summary}\n${command.usage}` });
    expect(res.stdout).toContain(`usage: helm-contract-tests ${name} `);
  });

  it('no command: the usage, exit 2; an unknown one: one message and the usage, exit 2', async () => {
    expect(await run('', [])).toMatchObject({ exitCode: 2, stdout: TOP_USAGE });
    const res = await run('chek');
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toBe(`error: unknown command "chek" (known: check, verify-bump, tools)\n${TOP_USAGE}`);
  });

  it('check --format json prints only JSON on stdout (the config line goes to stderr)', async () => {
    const res = await run('check', ['--format', 'json', '--chart', 'bp-newapi', '--contract', 'version-lockstep']);
    expect(res.exitCode, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout) as { contracts: string[] };
    expect(summary.contracts).toEqual(['version-lockstep']);
    expect(res.stderr).toMatch(/^suite config .*suite\.yaml \(bundled\); charts root .* \(bundled\)$/);
  });

  it('check --bogus: the message and the usage line, exit 2', async () => {
    const res = await run('check', ['--bogus']);
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toBe(`error: Unknown option '--bogus'\n${COMMANDS[0].usage.split('\n')[0]}`);
  });
});
