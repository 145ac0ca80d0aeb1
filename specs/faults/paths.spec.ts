// Issue 7, rows 15–16: awkward paths and values must simply work. A charts root and a
// chart directory with spaces and non-ASCII characters render (exit 0, real helm and
// kubectl: no cache); values holding shell metacharacters reach the chart literally
// and nothing is executed.
import { cp, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPatchedCopy } from '../support/fixtures/patch-set.js';
import { helmTemplate } from '../../src/render/helm.js';
import { openSuite } from '../../src/suite/session.js';
import { cellsOf, renderJob } from '../../src/suite/renders.js';
import { resolveTools } from '../../src/tools/resolve.js';
import { CHARTS, PROJECT, chartEntry, expectClean, runCli, suiteEdit, useWorkDir } from './support/cli.js';

const workDir = useWorkDir('paths');

describe('row 15: paths with spaces and non-ASCII characters', () => {
  it('check on a charts root "chärts ünder tëst/" with chart dir "products/cätalyst chart": exit 0, every render real', async () => {
    const root = path.join(workDir(), 'chärts ünder tëst');
    await cp(CHARTS, root, { recursive: true });
    await rename(path.join(root, 'products/catalyst/chart'), path.join(root, 'products/cätalyst chart'));
    const edit = await suiteEdit((doc) => {
      const chart = chartEntry(doc, 'bp-catalyst-platform');
      chart.set('path', 'products/cätalyst chart');
      chart.set('kustomizeDir', 'products/cätalyst chart/templates');
    });
    await writeFile(path.join(root, 'suite.yaml'), edit.content!);
    // No render cache: helm and kubectl really run on these paths.
    const res = await runCli('check', ['--root', root, '--chart', 'bp-catalyst-platform'], { env: { HCT_RENDER_CACHE: '0' } });
    expectClean(res, 0);
    expect(res.stdout).toContain(`helm-contract-tests check: ${root} (2 charts, renderers helm4 + helm3 + kustomize)`);
    expect(res.stdout).toMatch(/4 chart cells, \d+ contract checks: \d+ passed, 0 failed, \d+ not applicable; 0 violations, 0 render failures$/);
  });

  it.each(['helm4', 'helm3'] as const)('%s reads a values file whose name has spaces and non-ASCII characters', async (renderer) => {
    const file = path.join(workDir(), 'välues fïle with spaces.yaml');
    await writeFile(file, 'sovereignFQDN: ümlaut.example\n');
    const out = await helmTemplate(
      {
        chart: 'bp-catalyst-platform',
        cell: 'values-file',
        renderer,
        chartDir: path.join(CHARTS, 'products/catalyst/chart'),
        releaseName: 'catalyst',
        namespace: 'catalyst-system',
        kubeVersion: '1.35.0',
        valuesFiles: [file],
        timeoutMs: 60_000,
      },
      await resolveTools(),
    );
    const cm = out.manifests.find((m) => m.kind === 'ConfigMap' && m.name === 'catalyst-api-config');
    expect(cm?.object.data).toMatchObject({ SOVEREIGN_FQDN: 'ümlaut.example', CORS_ORIGIN: 'https://console.ümlaut.example' });
  });
});

describe('row 16: values with shell metacharacters', () => {
  it('matrix values and --set entries reach helm literally; nothing is executed (check exit 0)', async () => {
    const trap = path.join(workDir(), 'pwned');
    const nasty = `$(touch ${trap}-1) \`touch ${trap}-2\` ; touch ${trap}-3 && touch ${trap}-4 | touch ${trap}-5 > ${trap}-6 'single' "double" \\ $HOME *`;
    const setValue = `$(touch ${trap}-7);\`touch ${trap}-8\`|&>${trap}-9`;
    const edit = await suiteEdit((doc) => {
      const chart = chartEntry(doc, 'bp-catalyst-platform');
      // Helm only: this row is about how values reach helm.
      chart.delete('kustomizeDir');
      chart.delete('kustomizeCells');
      chart.set(
        'matrix',
        doc.createNode({
          axes: { values: { kit: { kitValues: true } }, shell: { nasty: { values: { sovereignFQDN: nasty }, set: [`api.image.tag=${setValue}`] } } },
        }),
      );
    });
    await withPatchedCopy(CHARTS, [edit], async (root) => {
      const res = await runCli('check', ['--root', root, '--chart', 'bp-catalyst-platform'], { cwd: root });
      expectClean(res, 0);
      expect(res.stdout).toContain('bp-catalyst-platform  kit.nasty');
      // The render the check used (served from its cache) carries the values verbatim.
      const suite = await openSuite({ root });
      const [cell] = cellsOf(suite, 'bp-catalyst-platform');
      for (const renderer of ['helm4', 'helm3'] as const) {
        const out = await renderJob(suite, { chart: 'bp-catalyst-platform', cell, renderer });
        const cm = out.manifests.find((m) => m.kind === 'ConfigMap' && m.name === 'catalyst-api-config');
        expect(cm?.object.data).toMatchObject({ SOVEREIGN_FQDN: nasty, CORS_ORIGIN: `https://console.${nasty}` });
        const api = out.manifests.find((m) => m.kind === 'Deployment' && m.name === 'catalyst-api');
        const containers = (api?.object.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers;
        expect(containers[0].image).toBe(`ghcr.io/openova-io/openova/catalyst-api:${setValue}`);
      }
      expect(await readdir(root)).not.toContain('pwned');
    });
    expect((await readdir(workDir())).filter((f) => f.startsWith('pwned'))).toEqual([]);
    expect((await readdir(PROJECT)).filter((f) => f.startsWith('pwned') || f.startsWith('$('))).toEqual([]);
  });
});
