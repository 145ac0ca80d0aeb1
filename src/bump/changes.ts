// Which charts changed between base and head: a changed file under the chart directory
// counts unless helm would leave it out of the package (.helmignore, as chart-testing's
// --use-helmignore); a changed file under the chart's kustomizeDir always counts, even
// when .helmignore hides it from helm, because it changes what ships via Kustomize.
// A changed bootstrap-kit pin also makes a chart "changed" (see verify.ts).
import { helmIgnoredBy, type HelmIgnore } from '../render/helmignore.js';

/** What the detector needs to know about one chart. */
export interface ChartLocation {
  id: string;
  /** Chart dir relative to the charts root at head / at base (undefined: no such chart there). */
  headPath?: string;
  basePath?: string;
  /** Kustomize folders (relative to the charts root) on either side. */
  kustomizeDirs: string[];
  /** Parsed .helmignore of each side (undefined when the chart does not exist there). */
  headIgnore?: HelmIgnore;
  baseIgnore?: HelmIgnore;
}

export interface ChartFileChanges {
  id: string;
  /** Changed files that count, relative to the charts root. */
  files: string[];
  /** The same, relative to the chart directory (kustomize files outside it keep their root path). */
  chartFiles: string[];
  /** Changed files helm ignores, relative to the charts root, with the rule that hides them. */
  ignored: { file: string; rule: string }[];
}

function under(file: string, dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  const d = dir.replace(/\/+$/, '');
  if (d === '' || d === '.') return file;
  return file.startsWith(d + '/') ? file.slice(d.length + 1) : undefined;
}

function ruleText(ig: HelmIgnore, rel: string): string | undefined {
  const rule = helmIgnoredBy(ig, rel);
  if (!rule) return undefined;
  return rule.line === 0 ? `helm default "${rule.raw}"` : `.helmignore:${rule.line} "${rule.raw}"`;
}

/** Changed files (relative to the charts root) → per-chart changes, in `charts` order. */
export function classifyChanges(charts: ChartLocation[], changed: string[]): ChartFileChanges[] {
  return charts.map((c) => {
    const out: ChartFileChanges = { id: c.id, files: [], chartFiles: [], ignored: [] };
    for (const file of changed) {
      const inHead = under(file, c.headPath);
      const inBase = under(file, c.basePath);
      const inKustomize = c.kustomizeDirs.some((d) => under(file, d) !== undefined);
      if (inHead === undefined && inBase === undefined && !inKustomize) continue;
      const rel = inHead ?? inBase ?? file;
      if (!inKustomize) {
        // Each side that has the chart judges the file; it is ignored only when every such
        // side ignores it, so a file that a .helmignore edit newly packages (or stops packaging) counts.
        const sides: [string | undefined, HelmIgnore | undefined][] = [
          [inHead, c.headIgnore],
          [inBase, c.baseIgnore],
        ];
        const verdicts = sides.flatMap(([sideRel, ig]) => (sideRel !== undefined && ig ? [ruleText(ig, sideRel)] : []));
        const rules = verdicts.filter((r): r is string => r !== undefined);
        if (rules.length > 0 && rules.length === verdicts.length) {
          out.ignored.push({ file, rule: rules[0] });
          continue;
        }
      }
      out.files.push(file);
      out.chartFiles.push(rel);
    }
    return out;
  });
}
