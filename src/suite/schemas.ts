// The schemas a world is validated with: the suite's registry (its charts' crds/ folders
// and the config's CRD paths, read once per suite), the built-in types the world renders
// (imported before the contract runs) and the CRDs its renders hold.
import path from 'node:path';
import type { Manifest } from '../manifests/types.js';
import { readChartCrds, readCrdPath } from '../schema/crd-files.js';
import { renderedCrds, SchemaRegistry } from '../schema/registry.js';
import type { SchemaSet } from '../schema/types.js';
import { suiteMemo, type Suite } from './session.js';

const memo = suiteMemo<SchemaRegistry>();

/** The suite's registry, read once per suite. */
export function schemaRegistry(suite: Suite): Promise<SchemaRegistry> {
  return memo(suite, 'schema', async () => {
    const { root } = suite.config;
    const [charts, listed] = await Promise.all([
      Promise.all(suite.charts.map((c) => readChartCrds(root, c.config.path))),
      Promise.all((suite.config.schema?.crds ?? []).map((rel, i) => readCrdPath(root, rel, true, `${path.basename(suite.config.file)}: schema.crds[${i}]`))),
    ]);
    return new SchemaRegistry([...charts.flat(), ...listed.flat()]);
  });
}

/** The SchemaSet of a world holding these objects. */
export async function schemasFor(suite: Suite, manifests: readonly Manifest[]): Promise<SchemaSet> {
  const registry = await schemaRegistry(suite);
  await registry.load(manifests);
  return registry.view(renderedCrds(manifests));
}
