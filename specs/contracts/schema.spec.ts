// Contract `schema` on a fixture chart rendered by the real helm 4 and helm 3: what real
// charts render that must pass (int-or-string ports and surges, quantities as numbers,
// free-form and preserved fields, a CR of a CRD the same chart renders, a kind with no
// schema: listed, not failed; `status: {}` and `creationTimestamp: null` as kubectl writes
// them) and each kind of mistake, with the exact line.
import { describe, expect, it } from 'vitest';
import type { ChartSchemaConfig } from '../../src/config/types.js';
import { formatViolation, schema } from '../../src/contracts/index.js';
import { notValidated } from '../../src/contracts/schema.js';
import type { World } from '../../src/contracts/types.js';
import type { HelmRendererId } from '../../src/model/release.js';
import { renderedCrds, SchemaRegistry } from '../../src/schema/registry.js';
import '../support/matchers.js';
import { useFixtureChart, worldOfRender, type FixtureChart } from '../support/fixture-charts.js';
import { WIDGET_CRD as CRD } from '../support/fixtures/widget-crd.js';

const WIDGET = `apiVersion: example.io/v1
kind: Widget
metadata:
  name: {{ .Release.Name }}-widget
spec:
  size: {{ .Values.widget.size }}
  port: {{ .Values.widget.port }}
  mode: {{ .Values.widget.mode }}
  note: null
  config: { anything: { nested: [1, "two"] } }
  selector: { app: demo }
  {{- if .Values.bad }}
  colour: blue
  {{- end }}
`;

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  annotations: { example.io/owner: team-a }
spec:
  replicas: 1
  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 25%, maxUnavailable: 0 } }
  selector: { matchLabels: { app: demo } }
  template:
    metadata: { labels: { app: demo }, creationTimestamp: null }
    spec:
      nodeSelector: {}
      containers:
        - name: app
          image: demo:1
          ports: [{ name: http, containerPort: {{ .Values.port }} }]
          {{- if .Values.bad }}
          env: { LOG_LEVEL: debug }
          {{- else }}
          env: [{ name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }]
          {{- end }}
          readinessProbe: { httpGet: { path: /ready, port: http } }
          livenessProbe: { tcpSocket: { port: 8080 } }
          resources: { limits: { cpu: 1, memory: 512Mi } }
      volumes: [{ name: scratch, emptyDir: {} }]
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
spec:
  type: {{ .Values.serviceType }}
  selector: { app: demo }
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .Release.Name }}
spec:
  minAvailable: 50%
  selector: { matchLabels: { app: demo } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ .Release.Name }}-db
spec:
  serviceName: {{ .Release.Name }}
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: "db:1" }] }
# StatefulSetStatus requires replicas: the API server ignores status on apply.
status: {}
---
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Release.Name }}
data:
  token: {{ .Values.token }}
`;

const MONITOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ .Release.Name }}
spec:
  endpoints: [{ port: http }]
`;

const CHART: FixtureChart = {
  name: 'schema-demo',
  version: '0.1.0',
  values: 'bad: false\nport: 8080\nserviceType: ClusterIP\ntoken: c2VjcmV0LXZhbHVlLTEyMw==\nwidget: { size: 3, port: http, mode: fast }\n',
  templates: { 'crd.yaml': CRD, 'widget.yaml': WIDGET, 'app.yaml': APP, 'monitor.yaml': MONITOR },
};
const BAD = { bad: true, port: '"8080"', serviceType: 'Loadbalancer', token: 12345, widget: { size: 'three', port: 8080, mode: 'quick' } };

const render = useFixtureChart('schema', CHART);
const registry = new SchemaRegistry([]);

async function worldOf(renderer: HelmRendererId, values: Record<string, unknown>[] = [], settings?: ChartSchemaConfig): Promise<World> {
  const r = await render({ renderer, releaseName: 'demo', namespace: 'apps', cell: values.length ? 'bad' : 'good', values });
  await registry.load(r.manifests);
  const world = worldOfRender(r, CHART);
  if (settings) world.charts[0].config.schema = settings;
  return { ...world, schemas: registry.view(renderedCrds(r.manifests)) };
}

const lines = (w: World): string[] => schema.check(w).map(formatViolation).sort();
const DEPLOYMENT = '(schema of apps/v1 Deployment: kubernetes-models 5.1.0)';
const WIDGET_SCHEMA = '(schema of example.io/v1 Widget: CRD widgets.example.io (rendered from schema-demo/templates/crd.yaml))';
const UNKNOWN = 'the schema does not declare it, so the API server rejects or silently drops it';

describe('schema on a fixture chart (real helm)', () => {
  it.each(['helm4', 'helm3'] as const)('%s: what real charts render passes, the kind with no schema is listed', async (renderer) => {
    const world = await worldOf(renderer);
    expect(schema.check(world)).toHaveNoViolations();
    expect(notValidated(world)).toEqual(['ServiceMonitor (monitoring.coreos.com/v1)']);
  });

  it('unvalidatedKinds: fail makes the kind with no schema a violation', async () => {
    expect(lines(await worldOf('helm4', [], { strict: true, unvalidatedKinds: 'fail' }))).toEqual([
      "[schema] chart schema-demo · cell good · helm4 · ServiceMonitor/apps/demo · (object): ServiceMonitor (monitoring.coreos.com/v1) has no schema, so it is not validated: not a built-in type of kubernetes-models 5.1.0, and no CRD for it in a chart's crds/, schema.crds or the render (expected a schema (built-in type or CRD), actual none)",
    ]);
  });

  const badLines = [
    `[schema] chart schema-demo · cell bad · helm4 · Deployment/apps/demo · spec.template.spec.containers[app].env: object where the schema expects array ${DEPLOYMENT} (expected type array, actual {"LOG_LEVEL":"debug"})`,
    `[schema] chart schema-demo · cell bad · helm4 · Deployment/apps/demo · spec.template.spec.containers[app].ports[http].containerPort: string where the schema expects integer ${DEPLOYMENT} (expected type integer, actual "8080")`,
    '[schema] chart schema-demo · cell bad · helm4 · Secret/apps/demo · data.token: integer where the schema expects string (schema of v1 Secret: kubernetes-models 5.1.0) (expected type string, actual <redacted>)',
    '[schema] chart schema-demo · cell bad · helm4 · Service/apps/demo · spec.type: not one of the values the schema allows (schema of v1 Service: kubernetes-models 5.1.0) (expected one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort", actual "Loadbalancer")',
    `[schema] chart schema-demo · cell bad · helm4 · Widget/apps/demo-widget · spec.colour: unknown field colour: ${UNKNOWN} ${WIDGET_SCHEMA} (expected no unknown field, actual "blue")`,
    `[schema] chart schema-demo · cell bad · helm4 · Widget/apps/demo-widget · spec.mode: not one of the values the schema allows ${WIDGET_SCHEMA} (expected one of "fast", "safe", actual "quick")`,
    `[schema] chart schema-demo · cell bad · helm4 · Widget/apps/demo-widget · spec.size: string where the schema expects integer ${WIDGET_SCHEMA} (expected type integer, actual "three")`,
  ];

  it('each mistake is one line: type, enum, unknown field, on built-in kinds and the CR; Secret data redacted', async () => {
    expect(lines(await worldOf('helm4', [BAD]))).toEqual(badLines);
  });

  it('strict: false drops the unknown-field lines only', async () => {
    expect(lines(await worldOf('helm4', [BAD], { strict: false, unvalidatedKinds: 'list' }))).toEqual(badLines.filter((l) => !l.includes('unknown field')));
  });

  it('a required field missing from a CR is named at its own path', async () => {
    const world = await worldOf('helm4');
    const widget = world.releases[0].manifests.find((m) => m.kind === 'Widget')!;
    const validator = world.schemas!.lookup('example.io/v1', 'Widget')!;
    const { size: _size, ...spec } = widget.object.spec as Record<string, unknown>;
    expect(validator.validate({ ...widget.object, spec }, { strict: true })).toEqual([
      { rule: 'required', pointer: '/spec/size', expected: 'required field', value: undefined, message: 'required field size is missing' },
    ]);
  });

  it('an int-or-string of another type is one problem naming both types (the anyOf branches folded)', async () => {
    const world = await worldOf('helm4');
    const validator = world.schemas!.lookup('example.io/v1', 'Widget')!;
    expect(validator.validate({ spec: { size: 1, port: true } }, { strict: true })).toEqual([
      {
        rule: 'type',
        pointer: '/spec/port',
        expected: 'type integer or string',
        value: true,
        message: 'boolean where the schema expects integer or string',
      },
    ]);
  });

  it("a world without schemas is not this contract's business (hand-built worlds of other specs)", async () => {
    const { schemas: _schemas, ...world } = await worldOf('helm4');
    expect(schema.appliesTo(world)).toBe(false);
  });
});
