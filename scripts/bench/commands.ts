// The suite's renders, and its chart test files' renders, as the bare helm/kubectl commands
// they run (figures limit and naive).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { helmTemplateArgs } from '../../src/render/helm.js';
import { hermeticEnv } from '../../src/render/engine.js';
import type { Values } from '../../src/model/release.js';
import { mapLimit } from '../../src/suite/pool.js';
import type { Suite } from '../../src/suite/session.js';
import { helmRequestOf, kustomizeRequestOf, type RenderJob } from '../../src/suite/renders.js';
import { planSuiteTestRenders } from '../../src/suite/unittest.js';
import { UnitRenderer } from '../../src/unittest/render.js';

export interface Command {
  bin: string;
  args: string[];
  /** What it renders (chart · cell · renderer), for messages. */
  label: string;
}

/** Values objects as files under `tmp` (JSON is YAML), as the render layer passes them. */
async function valuesFiles(values: Values[] | undefined, tmp: string, next: () => number): Promise<string[]> {
  const files: string[] = [];
  for (const v of values ?? []) {
    const f = path.join(tmp, `values-${next()}.yaml`);
    await writeFile(f, JSON.stringify(v));
    files.push(f);
  }
  return files;
}

/** The exact helm/kubectl command of each job, from the request the suite renders (values objects written to files under `tmp`). */
export async function commandsOf(suite: Suite, jobs: RenderJob[], tmp: string): Promise<Command[]> {
  await mkdir(tmp, { recursive: true });
  let n = 0;
  const out: Command[] = [];
  for (const job of jobs) {
    const { renderer } = job;
    const label = `${job.chart} · ${job.cell.name} · ${renderer}`;
    if (renderer === 'kustomize') {
      out.push({ bin: suite.tools.kubectl.path, args: ['kustomize', kustomizeRequestOf(suite, job.chart).dir], label });
      continue;
    }
    const req = helmRequestOf(suite, { ...job, renderer });
    out.push({ bin: suite.tools[renderer].path, args: helmTemplateArgs(req, await valuesFiles(req.values, tmp, () => n++)), label });
  }
  return out;
}

/**
 * The exact helm command of each render the suite's chart test files ask for (the plan `npm test`'s
 * global setup pre-renders), on the chart copies the unit renderer makes; `dispose` removes those.
 */
export async function testCommandsOf(suite: Suite, tmp: string, charts?: string[]): Promise<{ commands: Command[]; dispose: () => Promise<void> }> {
  await mkdir(tmp, { recursive: true });
  const unit = new UnitRenderer(suite.tools);
  let n = 0;
  const commands: Command[] = [];
  for (const r of await planSuiteTestRenders(suite, charts)) {
    const req = await unit.helmRequestOf(r);
    const files = await valuesFiles(req.values, tmp, () => n++);
    commands.push({ bin: suite.tools[r.renderer].path, args: helmTemplateArgs(req, files), label: `${r.chart} · unittest · ${r.renderer}` });
  }
  return { commands, dispose: () => unit.dispose() };
}

export async function runBare(commands: Command[], parallel: number): Promise<void> {
  const env = hermeticEnv();
  await mapLimit(commands, parallel, async (c) => {
    const res = await execa(c.bin, c.args, { reject: false, stdin: 'ignore', env, maxBuffer: 1 << 30 });
    if (res.exitCode !== 0) throw new Error(`${c.label}: ${c.bin} ${c.args.join(' ')} failed: ${String(res.stderr).slice(0, 500)}`);
  });
}
