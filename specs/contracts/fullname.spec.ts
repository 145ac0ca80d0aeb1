// Issue 8, item 10: with a release name equal to or containing the chart name, Helm's
// usual fullname helper drops the duplicate. service-dns must judge a DNS name against
// the Services actually rendered, never against a re-derived `<release>-<chart>`.
// Real helm 4 / helm 3 renders of a `helm create`-style chart written to a temp dir.
import { describe, expect, it } from 'vitest';
import { serviceDns } from '../../src/contracts/service-dns.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { HelmRendererId, RenderedRelease, Values } from '../../src/model/release.js';
import { useFixtureChart, WEB_CHART, worldOfRender } from '../support/fixture-charts.js';
import '../support/matchers.js';

const RENDERERS = ['helm4', 'helm3'] as const;
const NS = 'shop';

const renderWeb = useFixtureChart('fullname', WEB_CHART);

function render(renderer: HelmRendererId, releaseName: string, cell: string, values: Values): Promise<RenderedRelease> {
  return renderWeb({ renderer, releaseName, namespace: NS, cell, values: [values] });
}

interface Row {
  release: string;
  values: Values;
  /** The Service name helm renders. */
  service: string;
  /** The exact service-dns lines when the chart dials `<release>-<chart>` (none when that is the rendered name). */
  naiveLines: (renderer: HelmRendererId) => string[];
}

const ROWS: Row[] = [
  {
    release: 'web',
    values: {},
    service: 'web',
    naiveLines: (r) => [
      `[service-dns] chart web · cell naive · ${r} · ConfigMap/shop/web-config · data[UPSTREAM]: http://web-web.shop.svc:80 names no Service: no Service web-web in namespace shop (services there: web) (expected a Service web-web in namespace shop, actual none (web:80))`,
      `[service-dns] chart web · cell naive · ${r} · Deployment/shop/web · spec.template.spec.containers[web].env[SELF_URL].value: http://web-web.shop.svc:80 names no Service: no Service web-web in namespace shop (services there: web) (expected a Service web-web in namespace shop, actual none (web:80))`,
    ],
  },
  {
    release: 'my-web',
    values: {},
    service: 'my-web',
    naiveLines: (r) => [
      `[service-dns] chart web · cell naive · ${r} · ConfigMap/shop/my-web-config · data[UPSTREAM]: http://my-web-web.shop.svc:80 names no Service: no Service my-web-web in namespace shop (services there: my-web) (expected a Service my-web-web in namespace shop, actual none (my-web:80))`,
      `[service-dns] chart web · cell naive · ${r} · Deployment/shop/my-web · spec.template.spec.containers[web].env[SELF_URL].value: http://my-web-web.shop.svc:80 names no Service: no Service my-web-web in namespace shop (services there: my-web) (expected a Service my-web-web in namespace shop, actual none (my-web:80))`,
    ],
  },
  // Release name without the chart name: the helper's own `<release>-<chart>`, so the naive name is right here.
  { release: 'prod', values: {}, service: 'prod-web', naiveLines: () => [] },
  {
    release: 'prod',
    values: { fullnameOverride: 'storefront' },
    service: 'storefront',
    naiveLines: (r) => [
      `[service-dns] chart web · cell naive · ${r} · ConfigMap/shop/storefront-config · data[UPSTREAM]: http://prod-web.shop.svc:80 names no Service: no Service prod-web in namespace shop (services there: storefront) (expected a Service prod-web in namespace shop, actual none (storefront:80))`,
      `[service-dns] chart web · cell naive · ${r} · Deployment/shop/storefront · spec.template.spec.containers[web].env[SELF_URL].value: http://prod-web.shop.svc:80 names no Service: no Service prod-web in namespace shop (services there: storefront) (expected a Service prod-web in namespace shop, actual none (storefront:80))`,
    ],
  },
];

const title = (row: Row) => `release ${row.release}${row.values.fullnameOverride ? ` with fullnameOverride ${String(row.values.fullnameOverride)}` : ''}`;

describe.each(RENDERERS)('%s: service-dns reads the Service names the fullname helper rendered', (renderer) => {
  // A loop, not describe.each: each's `$title` quotes and cuts long titles.
  for (const row of ROWS) {
    describe(title(row), () => {
      it(`renders Service ${row.service}; a reference to ${row.service}.${NS}.svc passes`, async () => {
        const rendered = await render(renderer, row.release, 'rendered', row.values);
        expect(rendered.manifests.filter((m) => m.kind === 'Service').map((m) => `${m.namespace ?? ''}/${m.name}`)).toEqual([`${NS}/${row.service}`]);
        // The chart's own reference, so the check below is not vacuous.
        expect(rendered.manifests.find((m) => m.kind === 'ConfigMap')?.object.data).toEqual({ UPSTREAM: `http://${row.service}.${NS}.svc:80` });
        expect(serviceDns.check(worldOfRender(rendered, WEB_CHART))).toHaveNoViolations();
      });

      it(`a reference to the naive ${row.release}-web.${NS}.svc ${row.naiveLines(renderer).length ? 'fails' : 'passes: it is the rendered name'}`, async () => {
        const rendered = await render(renderer, row.release, 'naive', { ...row.values, naiveUpstream: true });
        expect(rendered.manifests.find((m) => m.kind === 'ConfigMap')?.object.data).toEqual({ UPSTREAM: `http://${row.release}-web.${NS}.svc:80` });
        expect(serviceDns.check(worldOfRender(rendered, WEB_CHART)).map(formatViolation)).toEqual(row.naiveLines(renderer));
      });
    });
  }
});
