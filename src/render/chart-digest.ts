// The render key's view of a chart folder: the files helm loads. Helm applies the chart's
// .helmignore (and its built-in `templates/.?*`) to every path under the folder before it
// renders, so an ignored file (a helm-unittest `tests/` folder, a README draft) cannot change
// the output: editing one must not re-render the chart. Lines helm would reject or treat
// unlike gitignore are skipped by the parser, so such a line only ever hashes more.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { treeDigest, type TreeDigest } from './cache.js';
import { ignoresEntry, parseHelmIgnore } from './helmignore.js';

/** treeDigest of a chart folder without the paths its .helmignore hides from helm. */
export function chartDigest(chartDir: string): Promise<TreeDigest> {
  const file = path.join(chartDir, '.helmignore');
  const ignore = parseHelmIgnore(existsSync(file) ? readFileSync(file, 'utf8') : '');
  return treeDigest(chartDir, (rel, isDir) => ignoresEntry(ignore, rel, isDir));
}

/** The hash alone (see chartDigest). */
export async function hashChart(chartDir: string): Promise<string> {
  return (await chartDigest(chartDir)).hash;
}
