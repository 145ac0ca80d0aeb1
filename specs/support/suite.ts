// The suite as specs see it: loaded once per spec file (top-level await), with the list
// of subjects (chart × cell × helm major) that describe.each expands into test titles.
import type { HelmRendererId } from '../../src/model/release.js';
import { openSuite, type OpenOptions, type Suite } from '../../src/suite/session.js';
import { cellsOf } from '../../src/suite/renders.js';
import type { Cell } from '../../src/config/types.js';

export interface Subject {
  chart: string;
  cell: Cell;
  renderer: HelmRendererId;
  /** `chart · cell · renderer`, as test titles and messages show it. */
  title: string;
}

export function subjectsOf(suite: Suite, charts?: string[]): Subject[] {
  return suite.charts
    .filter((c) => !charts || charts.includes(c.config.id))
    .flatMap((c) =>
      cellsOf(suite, c.config.id).flatMap((cell) =>
        suite.config.defaults.renderers.map((renderer) => ({ chart: c.config.id, cell, renderer, title: `${c.config.id} · ${cell.name} · ${renderer}` })),
      ),
    );
}

let shared: Promise<Suite> | undefined;

/** The suite under CHARTS_ROOT / SUITE_CONFIG (default: the bundled charts), once per worker. */
export function loadSuite(opts?: OpenOptions): Promise<Suite> {
  if (opts) return openSuite(opts);
  shared ??= openSuite();
  return shared;
}
