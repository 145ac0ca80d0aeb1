// A chart's values matrix → the cells the suite renders: the cartesian product of
// the axes (declaration order), minus the excluded partial cells.
import { ConfigError } from '../errors.js';
import type { Cell, MatrixConfig } from './types.js';
import type { Values } from '../model/release.js';

/** Cells one matrix may have unless the suite config says otherwise (defaults.maxCells). */
export const DEFAULT_MAX_CELLS = 10_000;

/**
 * Expand a matrix into cells. `where` prefixes messages (e.g. `charts[0].matrix`).
 * Cell name = option names joined by `.` in axis order; values and `--set` entries of
 * the chosen options are kept in axis order (values are deep copies, safe to mutate).
 */
export function expandMatrix(m: MatrixConfig, where = 'matrix', maxCells = DEFAULT_MAX_CELLS, chart?: string): Cell[] {
  const axes = Object.entries(m.axes);
  if (axes.length === 0) throw new ConfigError(`${where} has no axes`);
  // Counted before expanding: 10 axes of 10 options are 10^10 cells, which no memory holds.
  const counts = axes.map(([, options]) => Object.keys(options).length);
  const product = counts.reduce((a, b) => a * b, 1);
  if (product > maxCells) {
    const of = chart === undefined ? '' : ` of chart ${chart}`;
    throw new ConfigError(
      `${where} has ${product.toLocaleString('en-US')} cells${of} (${counts.join(' × ')} options of axes ${axes.map(([a]) => a).join(', ')}), ` +
        `above the limit of ${maxCells.toLocaleString('en-US')} (defaults.maxCells): refused before expanding`,
    );
  }

  let choices: Record<string, string>[] = [{}];
  for (const [axis, options] of axes) {
    const names = Object.keys(options);
    if (names.length === 0) throw new ConfigError(`${where} axis ${axis} has no options`);
    choices = choices.flatMap((partial) => names.map((option) => ({ ...partial, [axis]: option })));
  }
  const total = choices.length;
  const kept = choices.filter((choice) => !m.exclude.some((entry) => matches(entry, choice)));
  if (kept.length === 0) {
    throw new ConfigError(`${where} leaves no cell: all ${total} cells match an exclude entry`);
  }

  const cells = kept.map((choice) => toCell(m, choice));
  const seen = new Set<string>();
  for (const cell of cells) {
    if (seen.has(cell.name)) {
      throw new ConfigError(`${where} yields cell name ${cell.name} twice: option names must not contain "."`);
    }
    seen.add(cell.name);
  }
  return cells;
}

/** Partial match: every axis → option of the entry equals the cell's choice. */
function matches(entry: Record<string, string>, choice: Record<string, string>): boolean {
  return Object.entries(entry).every(([axis, option]) => choice[axis] === option);
}

/** Options add up in axis order, each entry once. */
function addNew(into: string[], more: readonly string[] = []): void {
  for (const x of more) if (!into.includes(x)) into.push(x);
}

function toCell(m: MatrixConfig, choice: Record<string, string>): Cell {
  const cell: Cell = { name: '', choice, kitValues: false, values: [], set: [], apiVersions: [], requiredResources: [] };
  const names: string[] = [];
  for (const axis of Object.keys(m.axes)) {
    const option = choice[axis];
    const opt = m.axes[axis][option];
    names.push(option);
    if (opt.kitValues) cell.kitValues = true;
    if (typeof opt.kitValues === 'string') cell.kitCluster = opt.kitValues;
    if (opt.values !== undefined) cell.values.push(structuredClone(opt.values) as Values);
    if (opt.set) cell.set.push(...opt.set);
    addNew(cell.apiVersions, opt.apiVersions);
    addNew(cell.requiredResources, opt.requiredResources);
  }
  cell.name = names.join('.');
  return cell;
}
