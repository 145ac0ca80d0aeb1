// The render plan of test files (what `npm test`'s global setup pre-renders) is exactly what
// running them asks for: rendered first, the run asks for no other render. A file that cannot
// be loaded plans nothing (running it reports the error).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveTools } from '../../src/tools/resolve.js';
import { chartTests, runChartTests, UnitRenderer } from '../../src/unittest/index.js';
import { planTestRenders } from '../../src/unittest/plan.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/unittest/conf/', import.meta.url)).replace(/\/$/, '');
const RENDERERS = ['helm4', 'helm3'] as const;
const tools = await resolveTools();
const unitRenderer = new UnitRenderer(tools);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'hct-plan-'));
afterAll(async () => {
  await unitRenderer.dispose();
  await rm(tmp, { recursive: true, force: true });
});

describe('planTestRenders', () => {
  it('plans every distinct render the run asks for, snapshot repeats included, and no other', async () => {
    const files = await chartTests([{ id: 'conf', dir: FIXTURE }]);
    expect(files[0].files.map((f) => path.basename(f))).toEqual(['fail_test.yaml', 'pass_test.yaml', 'snapshot_test.yaml']);
    const plan = await planTestRenders(files, [...RENDERERS], 60_000);
    expect(plan.some((r) => r.attempt === 1)).toBe(true);
    expect(new Set(plan.map((r) => r.renderer))).toEqual(new Set(RENDERERS));
    await Promise.all(plan.map((r) => unitRenderer.render(r)));
    expect(unitRenderer.renders).toBe(plan.length);
    await runChartTests(files, [...RENDERERS], tools, 60_000, undefined, unitRenderer);
    expect(unitRenderer.renders).toBe(plan.length);
  });

  it('a test file that cannot be loaded plans nothing', async () => {
    const bad = path.join(tmp, 'bad_test.yaml');
    await writeFile(bad, 'suite: bad\ntests: [\n');
    expect(await planTestRenders([{ chart: 'conf', chartDir: FIXTURE, files: [bad] }], [...RENDERERS], 60_000)).toEqual([]);
  });
});
