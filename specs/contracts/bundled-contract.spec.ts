// The facts of ../shared/CONTRACT.md on the bundled charts, cell by cell: what each
// values switch must render. Always reads the bundled charts (not CHARTS_ROOT): these
// expectations are about these charts, the generic contracts run in matrix.spec.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/config/types.js';
import { dualModeEnv } from '../../src/contracts/index.js';
import { query, queryOne } from '../../src/manifests/query.js';
import { ManifestIndex } from '../support/manifest-index.js';
import type { Manifest } from '../../src/manifests/types.js';
import { run } from '../../src/tools/exec.js';
import { helmTemplate } from '../../src/render/helm.js';
import { chartById, releaseOf } from '../../src/suite/session.js';
import { cellsOf, KIT_CELL, renderJob } from '../../src/suite/renders.js';
import { buildWorld } from '../../src/suite/world.js';
import '../support/matchers.js';
import { loadSuite } from '../support/suite.js';

const BUNDLED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../charts-under-test');
const suite = await loadSuite({ root: BUNDLED });
const NEWAPI_URL = 'http://newapi-bp-newapi.newapi.svc.cluster.local:3000';
const ADMIN_TOKEN = { name: 'catalyst-newapi-admin-token', key: 'ADMIN_API_TOKEN', optional: true };
const REFLECTOR = 'reflector.v1.k8s.emberstack.com';
const renderers = suite.config.defaults.renderers;

function subjects(chart: string): { cell: Cell; renderer: (typeof renderers)[number]; title: string }[] {
  return cellsOf(suite, chart).flatMap((cell) => renderers.map((renderer) => ({ cell, renderer, title: `${cell.name} · ${renderer}` })));
}

async function render(chart: string, cell: Cell, renderer: (typeof renderers)[number]): Promise<ManifestIndex> {
  return new ManifestIndex((await renderJob(suite, { chart, cell, renderer })).manifests);
}

function get(index: ManifestIndex, kind: string, ns: string, name: string): Manifest {
  const m = index.get(kind, ns, name);
  if (!m) throw new Error(`expected ${kind}/${ns}/${name} in the render; found: ${index.all.map((x) => `${x.kind}/${x.name}`).join(', ')}`);
  return m;
}

describe('the bundled charts lint clean', () => {
  it.for(suite.charts.flatMap((c) => renderers.map((r) => ({ chart: c, renderer: r, title: `${c.config.id} · ${r}` }))))(
    'helm lint --strict: $title',
    async ({ chart, renderer }) => {
      const tool = suite.tools[renderer];
      const res = await run(tool.path, ['lint', '--strict', path.join(BUNDLED, chart.config.path)], { timeoutMs: suite.config.defaults.timeoutMs });
      expect({ exitCode: res.exitCode, out: res.stdout + res.stderr }).toMatchObject({
        exitCode: 0,
        out: expect.stringContaining('1 chart(s) linted, 0 chart(s) failed'),
      });
    },
  );
});

describe('bootstrap kit: release names, namespaces and pins (facts 1 and 5)', () => {
  it.each([
    ['bp-newapi', 'newapi', 'newapi', '1.4.33'],
    ['bp-catalyst-platform', 'catalyst-system-bp-catalyst-platform', 'catalyst-system', '1.4.225'],
  ])('%s installs as release %s in %s, pinned to %s, and Chart.yaml agrees', (chart, releaseName, namespace, version) => {
    const facts = chartById(suite, chart);
    expect(releaseOf(suite, facts)).toEqual({ releaseName, namespace });
    expect(suite.helmReleases.find((hr) => hr.chart === facts.name)?.version).toBe(version);
    expect(facts.version).toBe(version);
  });
});

describe.each(subjects('bp-newapi'))('bp-newapi · $title', ({ cell, renderer }) => {
  const kit = cell.kitValues;
  const fqdn = kit ? suite.variables.SOVEREIGN_FQDN : 'openova.io';

  it('names its Service <release>-<chart> on port 3000, the URL catalyst-api dials (fact 1)', async () => {
    const svc = get(await render('bp-newapi', cell, renderer), 'Service', 'newapi', 'newapi-bp-newapi');
    expect((svc.object.spec as { ports: { port: number }[] }).ports.map((p) => p.port)).toContain(3000);
  });

  it('renders the admin-token ExternalSecret with reflector annotations only when integration and externalSecret are on (fact 3)', async () => {
    const index = await render('bp-newapi', cell, renderer);
    const es = index.get('ExternalSecret', 'newapi', 'catalyst-newapi-admin-token');
    if (cell.choice.integration === 'off' || cell.choice.integration === 'no-es') {
      expect(es).toBeUndefined();
      return;
    }
    const namespaces = cell.choice.integration === 'custom-ns' ? 'catalyst-system,tenant-.*' : 'catalyst-system';
    expect(es?.object.spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault-region1' },
      target: {
        name: 'catalyst-newapi-admin-token',
        template: {
          metadata: {
            annotations: {
              [`${REFLECTOR}/reflection-allowed`]: 'true',
              [`${REFLECTOR}/reflection-allowed-namespaces`]: namespaces,
              [`${REFLECTOR}/reflection-auto-enabled`]: 'true',
              [`${REFLECTOR}/reflection-auto-namespaces`]: namespaces,
            },
          },
        },
      },
      data: [{ secretKey: 'ADMIN_API_TOKEN', remoteRef: { key: `sovereign/${fqdn}/newapi/admin-token`, property: 'ADMIN_API_TOKEN' } }],
    });
  });

  it('gives the container a 5-minute startup budget and probes on its declared port (fact 4)', async () => {
    const deploy = get(await render('bp-newapi', cell, renderer), 'Deployment', 'newapi', 'newapi-bp-newapi');
    const c = '$.spec.template.spec.containers[0]';
    const [threshold, period] = [queryOne(deploy.object, `${c}.startupProbe.failureThreshold`), queryOne(deploy.object, `${c}.startupProbe.periodSeconds`)];
    expect(Number(threshold) * Number(period)).toBeGreaterThanOrEqual(300);
    expect(query(deploy.object, `${c}[readinessProbe,livenessProbe].httpGet.port`)).toEqual(['http', 'http']);
    expect(query(deploy.object, `${c}.ports[?(@.name==='http')].containerPort`)).toEqual([3000]);
  });

  it('pulls the mirrored v0.13.2 image with ghcr-pull and dials valkey-primary (1.4.1, 1.4.2, 1.4.29)', async () => {
    const deploy = get(await render('bp-newapi', cell, renderer), 'Deployment', 'newapi', 'newapi-bp-newapi');
    expect(query(deploy.object, '$.spec.template.spec.imagePullSecrets[*].name')).toEqual(['ghcr-pull']);
    expect(queryOne(deploy.object, '$.spec.template.spec.containers[0].image')).toMatch(/:v0\.13\.2$/);
    expect(deploy).toHaveEnv('REDIS_CONN_STRING', { value: 'redis://valkey-primary.valkey.svc.cluster.local:6379' });
  });

  it('seeds the qwenBankDhofar channel only when enabled and fully attested, else skips it silently (1.4.10)', async () => {
    const index = await render('bp-newapi', cell, renderer);
    const channels = index.get('ConfigMap', 'newapi', 'newapi-bp-newapi-channels');
    const names = channels ? (JSON.parse((channels.object.data as Record<string, string>)['channels.json']) as { key: string }[]).map((c) => c.key) : [];
    expect(names.includes('qwenBankDhofar')).toBe(cell.choice.marketplace === 'on-attested');
    expect(index.get('Job', 'newapi', 'newapi-bp-newapi-channel-seed') !== undefined).toBe(names.length > 0);
  });

  it('mirrors the token-signing key into catalyst-system, sandbox and sandbox-.* (1.4.12, 1.4.31)', async () => {
    const secret = get(await render('bp-newapi', cell, renderer), 'Secret', 'newapi', 'newapi-bp-newapi-token-signing-key');
    expect(secret.object.metadata?.annotations).toMatchObject({
      [`${REFLECTOR}/reflection-auto-namespaces`]: 'catalyst-system,sandbox,sandbox-.*',
    });
  });

  it('renders the HTTPRoute for newapi.<fqdn> and the Traefik Middleware only when switched on (1.2.0)', async () => {
    const index = await render('bp-newapi', cell, renderer);
    const route = index.ofKind('HTTPRoute');
    const mw = index.ofKind('Middleware');
    expect(route.length).toBe(cell.choice.ingress === 'route' ? 1 : 0);
    expect(mw.length).toBe(cell.choice.ingress === 'mw' ? 1 : 0);
    if (route[0]) expect((route[0].object.spec as { hostnames: string[] }).hostnames).toEqual([`newapi.${fqdn}`]);
  });

  it('renders the hooks: webhook wait before an ExternalSecret (pre-install), database DSN sync (post-install) (1.4.4, 1.4.27)', async () => {
    const index = await render('bp-newapi', cell, renderer);
    const hook = (name: string) => get(index, 'Job', 'newapi', name).object.metadata?.annotations?.['helm.sh/hook'];
    const rendersExternalSecret = index.ofKind('ExternalSecret').length > 0;
    expect(index.get('Job', 'newapi', 'newapi-bp-newapi-wait-es-webhook') !== undefined).toBe(rendersExternalSecret);
    if (rendersExternalSecret) expect(hook('newapi-bp-newapi-wait-es-webhook')).toContain('pre-install');
    expect(hook('newapi-bp-newapi-db-secret-sync')).toContain('post-install');
    expect(index.ofKind('Cluster').map((m) => m.name)).toEqual(['newapi-bp-newapi-pg']);
  });
});

describe('bp-newapi capability gating (fact 6)', () => {
  it('renders neither ExternalSecret nor CNPG Cluster without the external-secrets.io/v1beta1 and postgresql.cnpg.io/v1 capabilities', async () => {
    const chart = chartById(suite, 'bp-newapi');
    const out = await helmTemplate({
      chart: 'bp-newapi',
      cell: 'no-capabilities',
      renderer: 'helm4',
      chartDir: path.join(BUNDLED, chart.config.path),
      releaseName: 'newapi',
      namespace: 'newapi',
      apiVersions: [],
      kubeVersion: suite.config.defaults.kubeVersion,
      timeoutMs: suite.config.defaults.timeoutMs,
    });
    expect(out.manifests.filter((m) => m.kind === 'ExternalSecret' || m.kind === 'Cluster')).toEqual([]);
  });
});

describe.each(subjects('bp-catalyst-platform'))('bp-catalyst-platform · $title', ({ cell, renderer }) => {
  it('catalyst-api dials the canonical NewAPI URL and reads the admin token optionally, in the helm render (fact 2)', async () => {
    const api = get(await render('bp-catalyst-platform', cell, renderer), 'Deployment', 'catalyst-system', 'catalyst-api');
    expect(api).toHaveEnv('CATALYST_NEWAPI_ADDR', { value: NEWAPI_URL });
    expect(api).toHaveSecretKeyRef('CATALYST_NEWAPI_ADMIN_TOKEN', ADMIN_TOKEN);
  });
});

const dualModeCells = chartById(suite, 'bp-catalyst-platform').config.kustomizeCells ?? [];
describe.each(subjects('bp-catalyst-platform').filter((s) => dualModeCells.includes(s.cell.name)))(
  'bp-catalyst-platform dual mode · $title',
  ({ cell, renderer }) => {
    it('helm and kustomize renders carry the same env, values and secret refs (fact 2)', async () => {
      const world = await buildWorld(suite, 'bp-catalyst-platform', cell, renderer);
      expect(world.kustomize).toBeDefined();
      expect(dualModeEnv.check(world)).toHaveNoViolations();
    });
  },
);

describe('bp-catalyst-platform kustomize render (fact 6: kubectl kustomize templates/)', () => {
  it('catalyst-api carries the same literal URL and optional secretKeyRef', async () => {
    const kust = new ManifestIndex((await renderJob(suite, { chart: 'bp-catalyst-platform', cell: KIT_CELL, renderer: 'kustomize' })).manifests);
    const api = get(kust, 'Deployment', 'catalyst-system', 'catalyst-api');
    expect(api).toHaveEnv('CATALYST_NEWAPI_ADDR', { value: NEWAPI_URL });
    expect(api).toHaveSecretKeyRef('CATALYST_NEWAPI_ADMIN_TOKEN', ADMIN_TOKEN);
    expect(kust.all.map((m) => `${m.kind}/${m.name}`).sort()).toContain('Deployment/catalyst-ui');
  });
});
