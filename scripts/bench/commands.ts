// The suite's renders as the bare helm/kubectl commands they run (figures limit and naive).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { helmTemplateArgs } from '../../src/render/helm.js';
import { hermeticEnv } from '../../src/render/engine.js';
import { mapLimit } from '../../src/suite/pool.js';
import type { Suite } from '../../src/suite/session.js';
import { helmRequestOf, kustomizeRequestOf, type RenderJob } from '../../src/suite/renders.js';

export interface Command {
  bin: string;
  args: string[];
  job: RenderJob;
}

/** The exact helm/kubectl command of each job, from the request the suite renders (values objects written to files under `tmp`). */
export async function commandsOf(suite: Suite, jobs: RenderJob[], tmp: string): Promise<Command[]> {
  await mkdir(tmp, { recursive: true });
  let n = 0;
  const out: Command[] = [];
  for (const job of jobs) {
    const { renderer } = job;
    if (renderer === 'kustomize') {
      out.push({ bin: suite.tools.kubectl.path, args: ['kustomize', kustomizeRequestOf(suite, job.chart).dir], job });
      continue;
    }
    const req = helmRequestOf(suite, { ...job, renderer });
    const files: string[] = [];
    for (const v of req.values ?? []) {
      const f = path.join(tmp, `values-${n++}.yaml`);
      await writeFile(f, JSON.stringify(v));
      files.push(f);
    }
    out.push({ bin: suite.tools[renderer].path, args: helmTemplateArgs(req, files), job });
  }
  return out;
}

export async function runBare(commands: Command[], parallel: number): Promise<void> {
  const env = hermeticEnv();
  await mapLimit(commands, parallel, async (c) => {
    const res = await execa(c.bin, c.args, { reject: false, stdin: 'ignore', env, maxBuffer: 1 << 30 });
    if (res.exitCode !== 0) throw new Error(`${c.bin} ${c.args.join(' ')} failed: ${String(res.stderr).slice(0, 500)}`);
  });
}
