// What verify-bump finds: the facts of each side, the charts that changed, the
// version/pin/lockstep findings, the contract checks of head and the rendered diff.
// Every report format (text, json, markdown) prints this one structure.
import type { Violation } from '../contracts/types.js';
import type { VersionKind } from '../render/flux-types.js';
import type { RendererId } from '../model/release.js';
import type { Summary } from '../report/summary.js';

export type BumpRule = 'invalid-version' | 'not-bumped' | 'version-decreased' | 'pin-not-bumped' | 'pin-mismatch' | 'pin-missing' | 'lockstep' | 'helmignore';

/** One broken bump rule. `message` is the one line every format prints. */
export interface BumpViolation {
  rule: BumpRule;
  /** Chart id the finding is about. */
  chart: string;
  /** File to fix, relative to the charts root. */
  file: string;
  expected: string;
  actual: string;
  message: string;
}

/** A bootstrap-kit HelmRelease pin. */
export interface PinFact {
  /** Kit file, relative to the charts root. */
  file: string;
  /** `namespace/name` of the HelmRelease. */
  helmRelease: string;
  chart: string;
  version: string;
  /** How the version pins (absent: an exact pin, as in the single-folder kit). */
  versionKind?: VersionKind;
}

/** A chart on one side (base or head). */
export interface ChartSide {
  /** Chart.yaml exists on this side. */
  exists: boolean;
  /** Chart directory, relative to the charts root. */
  path: string;
  name?: string;
  /** Chart.yaml `version` as written (non-strings stringified). */
  version?: string;
  /** Why Chart.yaml could not be read, when it exists but is broken. */
  error?: string;
  /** Kit HelmReleases installing this chart on this side. */
  pins: PinFact[];
}

/**
 * Why a chart is in the report: its packaged files changed, its kit pin changed, it is
 * new in head, or (alone) it is the lockstep partner of a chart that bumped.
 */
export type ChangeReason = 'files' | 'pin' | 'new' | 'lockstep';

export type DiffStatus = 'changed' | 'unchanged' | 'added' | 'removed' | 'base-failed' | 'head-failed';

/** Rendered-manifest diff of one chart in one cell (or its kustomize render). */
export interface CellDiff {
  /** Cell name; `kustomize` for the `kubectl kustomize` render of a dual-mode chart. */
  cell: string;
  renderer: RendererId;
  status: DiffStatus;
  /** Unified diff (file headers included); empty when unchanged or failed. */
  patch: string;
  added: number;
  removed: number;
  /** Render error (first lines) when a side failed. */
  error?: string;
}

export interface ChartReport {
  id: string;
  name: string;
  /** Chart directory relative to the charts root (head's, else base's). */
  path: string;
  reasons: ChangeReason[];
  /** Changed files that count (relative to the charts root). */
  files: string[];
  /** Changed files helm ignores (relative to the charts root), with the .helmignore line that hides them. */
  ignoredFiles: { file: string; rule: string }[];
  base: ChartSide;
  head: ChartSide;
  /** Per-cell rendered diff, base → head (empty when the chart was not rendered). */
  diffs: CellDiff[];
}

export interface BumpReport {
  /** Repository top (absolute). */
  repo: string;
  /** Charts root relative to the repository top ('.' for the top). */
  root: string;
  base: { ref: string; sha: string };
  head: { ref: string; sha?: string; workingTree: boolean };
  strict: boolean;
  /** Charts that changed (or must move with one that did), in suite order. */
  charts: ChartReport[];
  violations: BumpViolation[];
  /** Contract checks of head for the changed charts (absent when no chart changed). */
  contracts?: Summary;
  contractViolations: Violation[];
  /** Renderer used for the rendered diff. */
  diffRenderer?: RendererId;
  /** Things worth knowing that are not violations (base could not be rendered, ignored .helmignore lines…). */
  notes: string[];
  /** 0 when clean, 1 when anything is violated or head fails to render. */
  exitCode: 0 | 1;
  durationMs: number;
}

export type BumpFormat = 'text' | 'json' | 'markdown';
