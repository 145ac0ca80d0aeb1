// Issue 7, rows 3–8 and 10: broken charts, values and kustomizations. Each input is a
// patched temp copy of charts-under-test; the real `check` CLI (or, where the CLI adds
// nothing, the public render functions) must fail with one message naming chart, cell,
// renderer, file and line where known — exit 2 before rendering, 1 for render failures.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from 'yaml';
import { RenderError } from '../../src/errors.js';
import { withPatchedCopy } from '../support/fixtures/patch-set.js';
import { helmTemplate } from '../../src/render/helm.js';
import type { HelmTemplateRequest } from '../../src/render/types.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { fakeBin, withFake } from '../support/fake-tools.js';
import {
  CHARTS,
  STACK,
  chartEntry,
  checkPatched,
  errorBlock,
  expectClean,
  lineIn,
  re,
  removePrivateTmp,
  renderFailures,
  runCli,
  suiteEdit,
} from './support/cli.js';

const NEWAPI = 'platform/newapi/chart';
const CATALYST = 'products/catalyst/chart';
const KIT_80 = 'clusters/_template/bootstrap-kit/80-newapi.yaml';

let tools: Tools;
beforeAll(async () => {
  tools = await resolveTools();
});
afterAll(removePrivateTmp);

/** A helm template request for bp-newapi in a chart directory (a temp copy). */
function newapiRequest(chartDir: string, over: Partial<HelmTemplateRequest> = {}): HelmTemplateRequest {
  return {
    chart: 'bp-newapi',
    cell: 'faults',
    renderer: 'helm4',
    chartDir,
    releaseName: 'newapi',
    namespace: 'newapi',
    kubeVersion: '1.35.0',
    apiVersions: ['external-secrets.io/v1beta1'],
    timeoutMs: 60_000,
    ...over,
  };
}

/** Replace a chart's matrix in the copy's suite.yaml. */
function setMatrix(doc: Document, chartId: string, matrix: unknown): void {
  chartEntry(doc, chartId).set('matrix', doc.createNode(matrix));
}

describe('row 3: chart directory missing', () => {
  it('a charts[].path that does not exist: exit 2, names the config key, the path and the root', async () => {
    const res = await withPatchedCopy(CHARTS, [], async (root) => {
      await rm(path.join(root, NEWAPI), { recursive: true });
      return { ...(await runCli('check', ['--root', root])), root };
    });
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(`error: suite.yaml:20: charts[0].path ${NEWAPI}: no such directory under ${res.root}`);
  });

  it('a chart directory without Chart.yaml: exit 2, says which chart and what charts[].path must name', async () => {
    const res = await checkPatched([{ file: `${NEWAPI}/Chart.yaml`, delete: true }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(
      `error: chart bp-newapi: no Chart.yaml in ${NEWAPI}\n` +
        '  fix: charts[0].path in the suite config must name a Helm chart directory (the folder holding Chart.yaml)',
    );
  });
});

describe('row 4: malformed Chart.yaml', () => {
  it('YAML syntax error: exit 2, names chart, file and line', async () => {
    const line = await lineIn(`${NEWAPI}/Chart.yaml`, 'appVersion:');
    const res = await checkPatched([{ file: `${NEWAPI}/Chart.yaml`, replace: 'appVersion: "v0.13.2"', with: 'appVersion: v0.13.2: oops' }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(`error: chart bp-newapi: ${NEWAPI}/Chart.yaml:${line}: invalid YAML: Nested mappings are not allowed in compact mappings`);
  });

  it('no version: exit 2, names the chart, the file and the missing field', async () => {
    const res = await checkPatched([{ file: `${NEWAPI}/Chart.yaml`, replace: 'version: 1.4.33\n', with: '' }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(`error: chart bp-newapi: ${NEWAPI}/Chart.yaml has no version (a non-empty string is required)`);
  });

  it('an unquoted number as version: exit 2, says to quote it', async () => {
    const res = await checkPatched([{ file: `${NEWAPI}/Chart.yaml`, replace: 'version: 1.4.33', with: 'version: 1.4' }]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(`error: chart bp-newapi: ${NEWAPI}/Chart.yaml version must be a string, got number 1.4 (quote it)`);
  });

  it.each(['helm4', 'helm3'] as const)("%s: a version helm rejects is a render failure quoting helm's validation message", async (renderer) => {
    await withPatchedCopy(CHARTS, [{ file: `${NEWAPI}/Chart.yaml`, replace: 'version: 1.4.33', with: 'version: not-semver' }], async (root) => {
      const err = await helmTemplate(newapiRequest(path.join(root, NEWAPI), { renderer, cell: 'kit.off.on.route' }), tools).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderError);
      expect((err as Error).message).toMatch(new RegExp(`^render failed: chart bp-newapi, cell kit\\.off\\.on\\.route, renderer ${renderer}\\n`));
      expect((err as Error).message).toMatch(/\n {2}exit code 1:\n {2}Error: validation: chart\.metadata\.version "not-semver" is invalid$/);
    });
  });
});

describe('row 5: malformed values file', () => {
  it.each(['helm4', 'helm3'] as const)('%s: a values file (name with spaces and non-ASCII) with a YAML error: helm names file and line', async (renderer) => {
    await withPatchedCopy(CHARTS, [{ file: 'values ünïcode/bad välues.yaml', content: 'a: 1\nb:\n  - x\n  y: 2\n' }], async (root) => {
      const file = path.join(root, 'values ünïcode', 'bad välues.yaml');
      const err = await helmTemplate(newapiRequest(path.join(root, NEWAPI), { renderer, valuesFiles: [file], cell: 'bad-values' }), tools).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RenderError);
      const msg = (err as Error).message;
      expect(msg).toMatch(
        new RegExp(`^render failed: chart bp-newapi, cell bad-values, renderer ${renderer}\\n {2}command: .+ --values '${re(file)}'\\n {2}exit code 1:\\n`),
      );
      expect(msg).toMatch(new RegExp(`\\n {2}Error: failed to parse ${re(file)}: .*yaml: line 3: did not find expected '-' indicator$`));
      expect(msg).not.toMatch(STACK);
    });
  });

  it("the chart's own values.yaml with a YAML error: helm names values.yaml and the line", async () => {
    await withPatchedCopy(CHARTS, [{ file: `${NEWAPI}/values.yaml`, replace: 'replicaCount: 1', with: 'replicaCount: [1' }], async (root) => {
      const err = await helmTemplate(newapiRequest(path.join(root, NEWAPI), { renderer: 'helm3', cell: 'defaults' }), tools).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderError);
      expect((err as Error).message).toMatch(/^render failed: chart bp-newapi, cell defaults, renderer helm3\n/);
      expect((err as Error).message).toMatch(/\n {2}Error: cannot load values\.yaml: .*yaml: line \d+: did not find expected ',' or '\]'$/);
    });
  });

  it('a bootstrap-kit HelmRelease with a YAML error: exit 2, names kit file and line', async () => {
    const line = await lineIn(KIT_80, '    sovereignFQDN: ${SOVEREIGN_FQDN}');
    const res = await checkPatched([
      { file: KIT_80, replace: '  values:\n    sovereignFQDN: ${SOVEREIGN_FQDN}\n', with: '  values:\n    sovereignFQDN: ${SOVEREIGN_FQDN}: oops\n' },
    ]);
    expectClean(res, 2);
    expect(errorBlock(res)).toBe(`error: ${KIT_80}:${line}: invalid YAML: Nested mappings are not allowed in compact mappings`);
  });
});

describe('row 6: values rejected by values.schema.json', () => {
  const YES = { values: { kit: { kitValues: true } }, integration: { 'yes-string': { values: { catalystIntegration: { enabled: 'yes' } } } } };

  it('a matrix cell setting catalystIntegration.enabled: "yes": exit 1, helm\'s schema message per subject', async () => {
    const res = await checkPatched([await suiteEdit((doc) => setMatrix(doc, 'bp-newapi', { axes: YES }))], ['--chart', 'bp-newapi']);
    expectClean(res, 1);
    const failures = renderFailures(res.stdout);
    expect(failures.startsWith('render failures (2 subjects, 2 distinct):\n')).toBe(true);
    // Each subject quotes its own render's failure (the subject is rendered before the parity render).
    expect(failures).toContain('\n  bp-newapi · kit.yes-string · helm4:\n    render failed: chart bp-newapi, cell kit.yes-string, renderer helm4\n');
    expect(failures).toContain('\n  bp-newapi · kit.yes-string · helm3:\n    render failed: chart bp-newapi, cell kit.yes-string, renderer helm3\n');
    expect(failures).toContain(
      "      Error: values don't meet the specifications of the schema(s) in the following chart(s):\n      bp-newapi:\n" +
        '      - catalystIntegration.enabled: Invalid type. Expected: boolean, given: string\n',
    );
  });

  it.each([
    ['helm4', "- at '/catalystIntegration/enabled': got string, want boolean"],
    ['helm3', '- catalystIntegration.enabled: Invalid type. Expected: boolean, given: string'],
  ] as const)('%s words the schema error its own way, and it is kept verbatim', async (renderer, wording) => {
    const err = await helmTemplate(
      newapiRequest(path.join(CHARTS, NEWAPI), { renderer, cell: 'kit.yes-string', values: [{ catalystIntegration: { enabled: 'yes' } }] }),
      tools,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderError);
    expect((err as Error).message).toMatch(new RegExp(`^render failed: chart bp-newapi, cell kit\\.yes-string, renderer ${renderer}\\n`));
    expect((err as Error).message).toContain(
      `  exit code 1:\n  Error: values don't meet the specifications of the schema(s) in the following chart(s):\n  bp-newapi:\n  ${wording}`,
    );
  });
});

describe('row 7: template `fail` / `required`', () => {
  it("`required`: exit 1, the template's own message with template, line and column; no helm --debug advice", async () => {
    const res = await checkPatched(
      [
        {
          file: `${CATALYST}/templates/api-service.yaml`,
          replace: '  name: catalyst-api\n',
          with: '  name: {{ required "api.serviceName is required: set it in values.yaml" .Values.api.serviceName }}\n',
        },
      ],
      ['--chart', 'bp-catalyst-platform'],
    );
    expectClean(res, 1);
    const failures = renderFailures(res.stdout);
    expect(failures).toMatch(/\n {4}render failed: chart bp-catalyst-platform, cell kit\.on, renderer helm[34]\n/);
    expect(failures).toContain(
      '      Error: execution error at (bp-catalyst-platform/templates/api-service.yaml:4:11): api.serviceName is required: set it in values.yaml\n',
    );
    expect(failures).not.toContain('--debug');
  });

  it.each(['helm4', 'helm3'] as const)("%s: `fail` in a real chart keeps the template's message", async (renderer) => {
    await withPatchedCopy(
      CHARTS,
      [{ file: `${NEWAPI}/templates/service.yaml`, content: '{{- fail "database.existingSecret or CNPG is required (see values.yaml database:)" }}\n' }],
      async (root) => {
        const err = await helmTemplate(newapiRequest(path.join(root, NEWAPI), { renderer, cell: 'fail' }), tools).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RenderError);
        expect((err as Error).message).toMatch(new RegExp(`^render failed: chart bp-newapi, cell fail, renderer ${renderer}\\n`));
        expect((err as Error).message).toContain(
          '  Error: execution error at (bp-newapi/templates/service.yaml:1:4): database.existingSecret or CNPG is required (see values.yaml database:)',
        );
        expect((err as Error).message).not.toContain('--debug');
      },
    );
  });
});

describe('row 8: rendered output that is not valid YAML', () => {
  it('a duplicate key helm lets through: exit 1, "not valid YAML" naming the source template and line', async () => {
    const res = await checkPatched(
      [{ file: `${CATALYST}/templates/api-service.yaml`, replace: '  name: catalyst-api\n', with: '  name: catalyst-api\n  name: catalyst-api-2\n' }],
      ['--chart', 'bp-catalyst-platform'],
    );
    expectClean(res, 1);
    const failures = renderFailures(res.stdout);
    // A helm 4 subject also needs helm 3's render (parity): either failure may be the one quoted for it.
    for (const [subject, renderer] of [
      ['helm3', 'helm3'],
      ['helm4', 'helm[34]'],
    ]) {
      expect(failures).toMatch(
        new RegExp(
          `\\n {2}bp-catalyst-platform · defaults\\.off · ${subject}:\\n` +
            ` {4}rendered output is not valid YAML: chart bp-catalyst-platform, cell defaults\\.off, renderer ${renderer}\\n` +
            ` {6}command: \\S+/helm template catalyst-system-bp-catalyst-platform .+\\n` +
            ` {6}template bp-catalyst-platform/templates/api-service\\.yaml, line 5: Map keys must be unique\\n`,
        ),
      );
    }
  });

  it('YAML helm itself rejects: helm names the template and line', async () => {
    await withPatchedCopy(
      CHARTS,
      [{ file: `${CATALYST}/templates/api-service.yaml`, replace: '  name: catalyst-api\n', with: '  name: [catalyst-api\n' }],
      async (root) => {
        const req = {
          ...newapiRequest(path.join(root, CATALYST)),
          chart: 'bp-catalyst-platform',
          releaseName: 'catalyst',
          namespace: 'catalyst-system',
          cell: 'bad-yaml',
        };
        const err = await helmTemplate(req, tools).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RenderError);
        expect((err as Error).message).toMatch(/^render failed: chart bp-catalyst-platform, cell bad-yaml, renderer helm4\n/);
        expect((err as Error).message).toMatch(/\n {2}Error: YAML parse error on bp-catalyst-platform\/templates\/api-service\.yaml: .*yaml: line \d+: /);
      },
    );
  });

  it('an alias bomb in rendered output is refused as invalid YAML, naming the template (no crash)', async () => {
    const lines = [
      '---',
      '# Source: bp-newapi/templates/bomb.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: bomb}',
      'data:',
      '  a: &a ["x","x","x","x","x","x","x","x","x","x"]',
    ];
    for (const [prev, n] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'g'],
    ])
      lines.push(`  ${n}: &${n} [${Array(10).fill(`*${prev}`).join(',')}]`);
    const fake = await fakeBin(`cat <<'EOF'\n${lines.join('\n')}\nEOF`);
    // The fake's output would be cached under a key no later run asks for: skip the cache.
    const saved = process.env.HCT_RENDER_CACHE;
    process.env.HCT_RENDER_CACHE = '0';
    try {
      const err = await helmTemplate(newapiRequest(path.join(CHARTS, NEWAPI), { cell: 'bomb' }), withFake(tools, 'helm4', fake.path)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RenderError);
      expect((err as Error).message).toMatch(
        /^rendered output is not valid YAML: chart bp-newapi, cell bomb, renderer helm4\n {2}command: .+\n {2}template bp-newapi\/templates\/bomb\.yaml, line 1: Excessive alias count indicates a resource exhaustion attack$/,
      );
    } finally {
      if (saved === undefined) delete process.env.HCT_RENDER_CACHE;
      else process.env.HCT_RENDER_CACHE = saved;
      await fake.cleanup();
    }
  });
});

describe('row 10: a kustomization.yaml naming a missing file', () => {
  it('exit 1; names kustomization.yaml and the line of the entry, the missing path, and what to do', async () => {
    const kust = `${CATALYST}/templates/kustomization.yaml`;
    const line = (await lineIn(kust, '  - ui-service-kustomize.yaml')) + 1;
    const res = await checkPatched(
      [{ file: kust, replace: '  - ui-service-kustomize.yaml\n', with: '  - ui-service-kustomize.yaml\n  - api-ingress-kustomize.yaml\n' }],
      ['--chart', 'bp-catalyst-platform'],
    );
    expectClean(res, 1);
    const dir = path.join(res.root, CATALYST, 'templates');
    // The CLI runs with the default tool cache (HCT_CACHE_DIR is cleared for it), so its kubectl
    // path need not be this process's: the binary is checked by name, the rest exactly.
    const failures = renderFailures(res.stdout).replace(/command: \S+\/kubectl kustomize /, 'command: <kubectl> kustomize ');
    expect(failures).toContain(
      `    render failed: chart bp-catalyst-platform, cell kustomize, renderer kustomize\n` +
        `      command: <kubectl> kustomize ${dir}\n` +
        `      ${dir}/kustomization.yaml:${line}: resources lists api-ingress-kustomize.yaml, but ${dir}/api-ingress-kustomize.yaml does not exist\n` +
        "      fix: add the file, or remove api-ingress-kustomize.yaml from the kustomization's resources\n",
    );
    // Only the cells compared with kustomize (kustomizeCells) need that render; its message is printed once.
    expect(failures).toMatch(
      /^render failures \(2 subjects, 1 distinct\):\n {2}bp-catalyst-platform · defaults\.off · helm4, bp-catalyst-platform · defaults\.off · helm3:\n/,
    );
  });
});
