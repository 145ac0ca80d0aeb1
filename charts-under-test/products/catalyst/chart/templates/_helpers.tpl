{{/*
Dual-mode chart: workload and Secret/ConfigMap names are literal (catalyst-api,
catalyst-ui, …), never release-prefixed, so the Helm render and the Kustomize
render of this folder name every object the same.
*/}}

{{- define "bp-catalyst-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Helm-only labels added on top of the literal labels both renders share.
*/}}
{{- define "bp-catalyst-platform.helmLabels" -}}
helm.sh/chart: {{ include "bp-catalyst-platform.chart" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Deterministic secret material (sha256 of namespace, workload, purpose): the
Kustomize sibling carries the same digest for namespace catalyst-system.
*/}}
{{- define "bp-catalyst-platform.derivedSecret" -}}
{{- $ctx := index . 0 }}
{{- printf "%s/%s" $ctx.Release.Namespace (index . 1) | sha256sum }}
{{- end }}
