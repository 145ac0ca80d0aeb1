// The Flux kit, read the way Flux builds it. One entry for the layers above: the pure
// substitution engine (flux/substitute.ts), the single-folder kit (flux/folder.ts), the
// cluster kit that follows Flux Kustomizations (flux/cluster.ts), and the release model.
export { substitute, type SubstituteOptions } from './flux/substitute.js';
export { deriveRelease, pinHolds } from './flux/release.js';
export { loadBootstrapKit, type BootstrapKit, type LoadBootstrapKitOptions } from './flux/folder.js';
export { loadKit, type Kit, type KitOptions } from './flux/kit.js';
export type { ClusterSpec, SourceMapping } from './flux/cluster.js';
export type { KustomizeRunner } from './flux/build.js';
