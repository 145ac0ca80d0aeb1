// CRDs read from disk (src/schema/crd-files.ts) into a SchemaRegistry: a chart's crds/ folder,
// a folder the config lists, non-CRD documents ignored, broken YAML named by file and line.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChartCrds, readCrdPath } from '../../src/schema/crd-files.js';
import { SchemaRegistry } from '../../src/schema/registry.js';
import { WIDGET_CRD as CRD } from '../support/fixtures/widget-crd.js';

describe("CRDs read from disk: a chart's crds/ and the config's schema.crds", () => {
  let root = '';
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('validates custom resources against a listed CRD folder and a chart crds/ folder; broken YAML is named by file and line', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'hct-schema-crds-'));
    await mkdir(path.join(root, 'vendor/crds'), { recursive: true });
    await mkdir(path.join(root, 'charts/app/crds'), { recursive: true });
    // A CRD file may hold other documents too (a Namespace): only CRDs count.
    await writeFile(path.join(root, 'vendor/crds/widgets.yaml'), `apiVersion: v1\nkind: Namespace\nmetadata: { name: x }\n---\n${CRD}`);
    await writeFile(path.join(root, 'charts/app/crds/gadget.yaml'), CRD.replace(/widget/g, 'gadget').replace(/Widget/g, 'Gadget'));
    const listed = await readCrdPath(root, 'vendor/crds', true, 'suite.yaml: schema.crds[0]');
    const chart = await readChartCrds(root, 'charts/app');
    const set = new SchemaRegistry([...listed, ...chart]).view();
    const widget = set.lookup('example.io/v1', 'Widget');
    expect(widget?.source).toBe('CRD widgets.example.io (vendor/crds/widgets.yaml)');
    expect(widget?.validate({ apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, port: 80 } }, { strict: true })).toEqual(
      [],
    );
    expect(set.lookup('example.io/v1', 'Gadget')?.validate({ spec: { size: 1, colour: 'red' } }, { strict: true })).toEqual([
      {
        rule: 'unknown field',
        pointer: '/spec/colour',
        expected: 'no unknown field',
        value: 'red',
        message: 'unknown field colour: the schema does not declare it, so the API server rejects or silently drops it',
      },
    ]);
    await writeFile(path.join(root, 'vendor/crds/broken.yaml'), 'kind: [\n');
    await expect(readCrdPath(root, 'vendor/crds', true, 'suite.yaml: schema.crds[0]')).rejects.toThrow(/^vendor\/crds\/broken\.yaml:2: invalid YAML: /);
    await expect(readCrdPath(root, 'vendor/none', true, 'suite.yaml: schema.crds[1]')).rejects.toThrow(
      `suite.yaml: schema.crds[1]: vendor/none is not a file or folder under ${root}`,
    );
  });
});
