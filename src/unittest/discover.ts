// Finds test files: helm-unittest's default `tests/*_test.yaml` under the chart, or the
// globs a chart's suite config lists (relative to the chart directory, or absolute), so
// tests may live outside the chart's repository. `*` stays in one folder, `**` crosses them.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export const DEFAULT_TEST_GLOBS: readonly string[] = ['tests/*_test.yaml'];

function segmentRegex(seg: string): RegExp {
  return new RegExp(
    `^${seg
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
}

async function expand(dir: string, segs: string[]): Promise<string[]> {
  if (segs.length === 0) return [dir];
  const [seg, ...rest] = segs;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  if (seg === '**') {
    const here = await expand(dir, rest);
    const deeper = await Promise.all(entries.filter((e) => e.isDirectory() && e.name !== '__snapshot__').map((e) => expand(path.join(dir, e.name), segs)));
    return [...here, ...deeper.flat()];
  }
  if (!/[*?]/.test(seg)) return rest.length === 0 && !entries.some((e) => e.name === seg && e.isFile()) ? [] : expand(path.join(dir, seg), rest);
  const re = segmentRegex(seg);
  const hits = entries.filter((e) => re.test(e.name) && (rest.length ? e.isDirectory() : e.isFile()));
  return (await Promise.all(hits.map((e) => expand(path.join(dir, e.name), rest)))).flat();
}

/** Test files of a chart, each once, sorted (the order suites run in). */
export async function discoverTestFiles(chartDir: string, globs: readonly string[] = DEFAULT_TEST_GLOBS): Promise<string[]> {
  const found = new Set<string>();
  for (const g of globs) {
    const abs = path.isAbsolute(g) ? g : path.join(chartDir, g);
    const { root } = path.parse(abs);
    for (const f of await expand(root, abs.slice(root.length).split(/[\\/]/).filter(Boolean))) found.add(f);
  }
  return [...found].sort();
}
