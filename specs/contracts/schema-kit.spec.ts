// Contract `schema` on the bootstrap kit's own documents, read by the real kit loader: the
// HelmReleases themselves (not only the kit's other objects) are validated against a Flux CRD
// when one is given, listed as not validated without one, and reported once (first chart).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatViolation, schema } from '../../src/contracts/index.js';
import { notValidated } from '../../src/contracts/schema.js';
import type { World } from '../../src/contracts/types.js';
import type { YamlMap } from '../../src/manifests/yaml.js';
import { loadKit } from '../../src/render/flux.js';
import { renderedCrds, SchemaRegistry } from '../../src/schema/registry.js';
import { CATALYST, NEWAPI, world } from '../support/world-builder.js';

/** A Flux HelmRelease CRD cut down to the field the spec breaks. */
const HELMRELEASE_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: helmreleases.helm.toolkit.fluxcd.io }
spec:
  group: helm.toolkit.fluxcd.io
  scope: Namespaced
  names: { kind: HelmRelease, plural: helmreleases }
  versions:
    - name: v2
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-preserve-unknown-fields: true
              properties:
                interval: { type: string, pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$' }
`;

const release = (interval: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: web, namespace: flux-system }
spec:
  interval: ${interval}
  chart: { spec: { chart: web, version: 1.0.0, sourceRef: { kind: HelmRepository, name: charts } } }
`;
const REPO =
  'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: { name: charts, namespace: flux-system }\nspec: { url: https://charts.example }\n';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hct-schema-kit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The kit read by loadKit (single-folder form), in the world of `subject`, with or without the Flux CRD. */
async function kitWorld(interval: string, withCrd: boolean, subject = NEWAPI): Promise<World> {
  const kitDir = path.join(dir, `kit-${interval}`);
  await mkdir(kitDir, { recursive: true });
  await writeFile(path.join(kitDir, 'web.yaml'), release(interval));
  await writeFile(path.join(kitDir, 'repo.yaml'), REPO);
  const kit = await loadKit({ root: dir, folder: { path: path.basename(kitDir) }, clusters: [], sources: [], strict: true, timeoutMs: 10_000 });
  const objects = [...kit.objects, ...kit.releaseObjects];
  const registry = new SchemaRegistry(withCrd ? [{ object: parse(HELMRELEASE_CRD) as YamlMap, where: 'crds/helmrelease.yaml' }] : []);
  await registry.load(objects);
  const w = world({ subject: { chart: subject }, kitObjects: kit.objects, kitReleaseObjects: kit.releaseObjects });
  return { ...w, schemas: registry.view(renderedCrds(objects)) };
}

describe("schema on the bootstrap kit's documents", () => {
  it('the kit model keeps the HelmRelease document itself, after substitution', async () => {
    const w = await kitWorld('5m', false);
    expect(w.kitReleaseObjects.map((m) => `${m.kind}/${m.namespace}/${m.name} ${m.source}`)).toEqual(['HelmRelease/flux-system/web kit-5m/web.yaml']);
  });

  it('without a Flux CRD the HelmRelease is listed as not validated (with the first chart)', async () => {
    expect(notValidated(await kitWorld('5m', false))).toEqual(['HelmRelease (helm.toolkit.fluxcd.io/v2)', 'HelmRepository (source.toolkit.fluxcd.io/v1)']);
  });

  it('with a Flux CRD a wrong HelmRelease field is a violation on the bootstrap kit', async () => {
    expect(schema.check(await kitWorld('5', true)).map(formatViolation)).toEqual([
      `[schema] chart ${NEWAPI} · cell default · bootstrap kit · HelmRelease/flux-system/web · spec.interval: integer where the schema expects string (schema of helm.toolkit.fluxcd.io/v2 HelmRelease: CRD helmreleases.helm.toolkit.fluxcd.io (crds/helmrelease.yaml)) (expected type string, actual 5)`,
    ]);
  });

  it('no false alarm: a valid HelmRelease passes, and the kit is reported once (not with the other charts)', async () => {
    const good = await kitWorld('5m', true);
    expect(schema.check(good)).toEqual([]);
    expect(notValidated(good)).toEqual(['HelmRepository (source.toolkit.fluxcd.io/v1)']);
    const other = await kitWorld('5', true, CATALYST);
    expect(notValidated(other)).toEqual([]);
    expect(schema.check(other).map(formatViolation).join('\n')).not.toContain('HelmRelease/flux-system/web');
  });
});
