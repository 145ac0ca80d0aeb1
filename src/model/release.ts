// Data types every layer shares: renderer ids, values, and a rendered release. Their home is
// here, below render/, so config and contracts name them without importing the renderers.
import type { Manifest } from '../manifests/types.js';

export type HelmRendererId = 'helm4' | 'helm3';
export type RendererId = HelmRendererId | 'kustomize';

/** Chart dependencies missing from charts/: fail naming them, or render a temp copy with empty stub charts. */
export type DependencyMode = 'fail' | 'stub';

/** Plain values object, as in values.yaml. */
export type Values = Record<string, unknown>;

/** One parsed render of one chart (or kustomize dir) in one values cell. */
export interface RenderedRelease {
  chart: string;
  cell: string;
  renderer: RendererId;
  releaseName: string;
  namespace: string;
  manifests: Manifest[];
  /** Whether this came from the render cache. */
  cached: boolean;
  /** What the renderer did that the user should know (e.g. dependencies stubbed), one line each. */
  notes?: string[];
}
