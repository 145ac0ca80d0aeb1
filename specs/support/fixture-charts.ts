// Small charts written by the specs themselves into a temp dir and rendered by the real
// helm, for behaviours the bundled charts do not show (hook resources, native sidecars,
// the `helm create` fullname helper). Never written into charts-under-test.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { World } from '../../src/contracts/types.js';
import { helmTemplate } from '../../src/render/helm.js';
import type { HelmTemplateRequest } from '../../src/render/types.js';
import type { HelmRendererId, RenderedRelease, Values } from '../../src/model/release.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { chartFacts, world } from './world-builder.js';

/** A helm template request with the specs' usual defaults (release rel in ns, Kubernetes 1.35, helm 4). */
export function helmRequest(chartDir: string, overrides: Partial<HelmTemplateRequest> = {}): HelmTemplateRequest {
  return {
    chart: 'demo',
    cell: 'defaults',
    renderer: 'helm4',
    chartDir,
    releaseName: 'rel',
    namespace: 'ns',
    kubeVersion: '1.35.0',
    timeoutMs: 20_000,
    ...overrides,
  };
}

export interface FixtureChart {
  /** Chart.yaml name; also the chart id the renders and worlds use. */
  name: string;
  version: string;
  /** values.yaml text. */
  values: string;
  /** File name under templates/ → template text. */
  templates: Record<string, string>;
}

export interface FixtureRender {
  renderer: HelmRendererId;
  releaseName: string;
  namespace: string;
  /** Cell name shown in violations. */
  cell: string;
  values?: Values[];
}

/**
 * `chart` written into a fresh temp dir (`hct-fixture-<label>-*`) before the spec file's
 * tests and removed after them; returns how to render it with the pinned (or
 * HELM_BIN/HELM3_BIN) helm.
 */
export function useFixtureChart(label: string, chart: FixtureChart): (r: FixtureRender) => Promise<RenderedRelease> {
  let tools: Tools;
  let root = '';
  let chartDir = '';
  beforeAll(async () => {
    tools = await resolveTools();
    root = await mkdtemp(path.join(os.tmpdir(), `hct-fixture-${label}-`));
    chartDir = path.join(root, chart.name);
    await mkdir(path.join(chartDir, 'templates'), { recursive: true });
    await writeFile(path.join(chartDir, 'Chart.yaml'), `apiVersion: v2\nname: ${chart.name}\nversion: ${chart.version}\n`);
    await writeFile(path.join(chartDir, 'values.yaml'), chart.values);
    for (const [file, text] of Object.entries(chart.templates)) await writeFile(path.join(chartDir, 'templates', file), text);
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });
  return (r) =>
    helmTemplate(
      {
        chart: chart.name,
        cell: r.cell,
        renderer: r.renderer,
        chartDir,
        releaseName: r.releaseName,
        namespace: r.namespace,
        values: r.values ?? [],
        kubeVersion: '1.35.0',
        timeoutMs: 30_000,
      },
      tools,
    );
}

/** A world whose subject is this render, with no other release, kit or external Service. */
export function worldOfRender(render: RenderedRelease, chart: FixtureChart, o: { minStartupSeconds?: number } = {}): World {
  if (render.renderer === 'kustomize') throw new Error('a fixture world needs a helm render');
  return world({
    subject: { chart: chart.name, cell: render.cell, renderer: render.renderer },
    charts: [chartFacts(chart.name, chart.version, { name: chart.name, minStartupSeconds: o.minStartupSeconds ?? 0 })],
    releases: [render],
    externalServices: [],
  });
}

// ---------------------------------------------------------------------------
// Item 9: hook resources and native sidecars.

/**
 * A Deployment whose pod has a probed main container, a native sidecar (init container
 * with restartPolicy Always, probed only with `sidecarProbes: true`) and a plain init
 * container; a pre-install/pre-upgrade hook Job with its Role and RoleBinding; a
 * post-install Job; and, with `hookDeployment: true`, a post-install hook Deployment.
 */
export const HOOKED_CHART: FixtureChart = {
  name: 'hooked',
  version: '0.1.0',
  values: 'sidecarProbes: false\nhookDeployment: false\n',
  templates: {
    'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-app
spec:
  selector:
    matchLabels: {app: {{ .Release.Name }}-app}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}-app}
    spec:
      serviceAccountName: {{ .Release.Name }}-app
      initContainers:
        - name: wait-for-db
          image: busybox:1.36
          command: [sh, -c, "until nc -z db 5432; do sleep 1; done"]
        - name: log-shipper
          image: fluent/fluent-bit:3.0
          restartPolicy: Always
          ports:
            - {name: metrics, containerPort: 2020}
          {{- if .Values.sidecarProbes }}
          readinessProbe:
            httpGet: {path: /api/v1/health, port: metrics}
          livenessProbe:
            tcpSocket: {port: 2020}
          {{- end }}
      containers:
        - name: app
          image: ghcr.io/example/app:1.0.0
          ports:
            - {name: http, containerPort: 8080}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
`,
    'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-app
spec:
  selector: {app: {{ .Release.Name }}-app}
  ports:
    - {name: http, port: 80, targetPort: http}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .Release.Name }}-app
`,
    'hook-rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ .Release.Name }}-db-init
  annotations:
    # A space after the comma, as people write it: the events are trimmed.
    helm.sh/hook: pre-install, pre-upgrade
    helm.sh/hook-weight: "-10"
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ .Release.Name }}-db-init
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ .Release.Name }}-db-init
subjects:
  - kind: ServiceAccount
    name: {{ .Release.Name }}-app
`,
    'hook-jobs.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-db-init
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "0"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  template:
    spec:
      restartPolicy: Never
      serviceAccountName: {{ .Release.Name }}-app
      containers:
        - name: db-init
          image: ghcr.io/example/db-init:1.0.0
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-smoke
  annotations:
    helm.sh/hook: post-install
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: smoke
          image: curlimages/curl:8.8.0
          args: [--fail, "http://{{ .Release.Name }}-app.{{ .Release.Namespace }}.svc/ready"]
`,
    'hook-deployment.yaml': `{{- if .Values.hookDeployment }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-warmup
  annotations:
    helm.sh/hook: post-install
spec:
  selector:
    matchLabels: {app: {{ .Release.Name }}-warmup}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}-warmup}
    spec:
      containers:
        - name: warmup
          image: ghcr.io/example/warmup:1.0.0
{{- end }}
`,
  },
};

// ---------------------------------------------------------------------------
// Item 10: the `helm create` fullname helper.

/**
 * Chart `web` with `helm create`'s fullname helper (fullnameOverride; else the release
 * name when it contains the chart name; else release-chart, cut to 63), a Service named
 * by it, and a ConfigMap entry plus a container env var pointing at that Service by DNS
 * name. `naiveUpstream: true` builds the name as `<release>-<chart>` instead, the
 * mistake the helper exists to avoid.
 */
export const WEB_CHART: FixtureChart = {
  name: 'web',
  version: '0.1.0',
  values: 'nameOverride: ""\nfullnameOverride: ""\nnaiveUpstream: false\n',
  templates: {
    '_helpers.tpl': `{{- define "web.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "web.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "web.upstream" -}}
{{- if .Values.naiveUpstream -}}
http://{{ .Release.Name }}-{{ .Chart.Name }}.{{ .Release.Namespace }}.svc:80
{{- else -}}
http://{{ include "web.fullname" . }}.{{ .Release.Namespace }}.svc:80
{{- end }}
{{- end }}
`,
    'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "web.fullname" . }}
  labels: {app.kubernetes.io/name: {{ include "web.name" . }}}
spec:
  selector: {app.kubernetes.io/name: {{ include "web.name" . }}}
  ports:
    - {name: http, port: 80, targetPort: http}
`,
    'configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "web.fullname" . }}-config
data:
  UPSTREAM: {{ include "web.upstream" . | quote }}
`,
    'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: {{ include "web.name" . }}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: {{ include "web.name" . }}}
    spec:
      containers:
        - name: web
          image: ghcr.io/example/web:1.0.0
          ports:
            - {name: http, containerPort: 8080}
          env:
            - name: SELF_URL
              value: {{ include "web.upstream" . | quote }}
`,
  },
};
