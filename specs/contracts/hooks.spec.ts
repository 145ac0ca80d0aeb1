// Issue 8, item 9: Helm hook resources are marked as hooks in the index, and the probes
// contract skips Jobs (hook or not) but covers native sidecars, on real helm 4 / helm 3
// renders of a fixture chart written to a temp dir.
import { describe, expect, it } from 'vitest';
import { probes } from '../../src/contracts/probes.js';
import { formatViolation } from '../../src/contracts/violation.js';
import { ManifestIndex } from '../support/manifest-index.js';
import type { Manifest } from '../../src/manifests/types.js';
import type { HelmRendererId, RenderedRelease, Values } from '../../src/model/release.js';
import { HOOKED_CHART, useFixtureChart, worldOfRender } from '../support/fixture-charts.js';
import '../support/matchers.js';

const RENDERERS = ['helm4', 'helm3'] as const;

const renderHooked = useFixtureChart('hooks', HOOKED_CHART);

function render(renderer: HelmRendererId, cell: string, values: Values = {}): Promise<RenderedRelease> {
  return renderHooked({ renderer, releaseName: 'rel', namespace: 'ops', cell, values: [values] });
}

/** `Kind/name`, sorted: the order helm prints hooks in (by weight) is not what is under test. */
function kindNames(ms: readonly Manifest[]): string[] {
  return ms.map((m) => `${m.kind}/${m.name}`).sort();
}

describe.each(RENDERERS)('%s render of a chart with hooks and a native sidecar', (renderer) => {
  const P = `[probes] chart hooked · cell defaults · ${renderer} · Deployment/ops/rel-app · spec.template.spec`;

  it('marks exactly the hook Jobs, Role and RoleBinding as hooks, with their events', async () => {
    const index = new ManifestIndex((await render(renderer, 'defaults')).manifests);
    expect(
      index
        .hooks()
        .map((m) => ({ ref: `${m.kind}/${m.name}`, hooks: m.hooks }))
        .sort((a, b) => (a.ref < b.ref ? -1 : 1)),
    ).toEqual([
      { ref: 'Job/rel-db-init', hooks: ['pre-install', 'pre-upgrade'] },
      { ref: 'Job/rel-smoke', hooks: ['post-install'] },
      // Written `pre-install, pre-upgrade` (with a space) in the template.
      { ref: 'Role/rel-db-init', hooks: ['pre-install', 'pre-upgrade'] },
      { ref: 'RoleBinding/rel-db-init', hooks: ['pre-install', 'pre-upgrade'] },
    ]);
    expect(kindNames(index.releaseObjects())).toEqual(['Deployment/rel-app', 'Service/rel-app', 'ServiceAccount/rel-app']);
    // Both lists together are the whole render: nothing is dropped or counted twice.
    expect(index.hooks().length + index.releaseObjects().length).toBe(index.all.length);
  });

  it('probes: the native sidecar needs probes; hook Jobs and the plain init container do not', async () => {
    const violations = probes.check(worldOfRender(await render(renderer, 'defaults'), HOOKED_CHART));
    expect(violations.map(formatViolation)).toEqual([
      `${P}.initContainers[log-shipper].readinessProbe: sidecar log-shipper has no readinessProbe (expected a readinessProbe, actual (absent))`,
      `${P}.initContainers[log-shipper].livenessProbe: sidecar log-shipper has no livenessProbe (expected a livenessProbe, actual (absent))`,
    ]);
  });

  it('probes: no violation once the sidecar has probes (on a named and a numbered declared port)', async () => {
    const world = worldOfRender(await render(renderer, 'sidecar-probes', { sidecarProbes: true }), HOOKED_CHART);
    expect(probes.check(world)).toHaveNoViolations();
  });

  it('probes: a hook Deployment is still checked, since its Pods keep running after the hook', async () => {
    const rendered = await render(renderer, 'hook-deployment', { hookDeployment: true, sidecarProbes: true });
    expect(new ManifestIndex(rendered.manifests).get('Deployment', 'ops', 'rel-warmup')?.hooks).toEqual(['post-install']);
    const W = `[probes] chart hooked · cell hook-deployment · ${renderer} · Deployment/ops/rel-warmup · spec.template.spec.containers[warmup]`;
    expect(probes.check(worldOfRender(rendered, HOOKED_CHART)).map(formatViolation)).toEqual([
      `${W}.readinessProbe: container warmup has no readinessProbe (expected a readinessProbe, actual (absent))`,
      `${W}.livenessProbe: container warmup has no livenessProbe (expected a livenessProbe, actual (absent))`,
    ]);
  });
});
