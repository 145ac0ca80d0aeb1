{{/*
Chart name, truncated to the DNS label limit.
*/}}
{{- define "bp-newapi.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: <Release.Name>-<Chart.Name> (release `newapi` →
`newapi-bp-newapi`), unless fullnameOverride is set. The release name is used
alone when it already contains the chart name.
*/}}
{{- define "bp-newapi.fullname" -}}
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

{{/*
Chart label value: name-version.
*/}}
{{- define "bp-newapi.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels.
*/}}
{{- define "bp-newapi.labels" -}}
helm.sh/chart: {{ include "bp-newapi.chart" . }}
{{ include "bp-newapi.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: catalyst
{{- end }}

{{/*
Selector labels.
*/}}
{{- define "bp-newapi.selectorLabels" -}}
app.kubernetes.io/name: {{ include "bp-newapi.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Sovereign FQDN, required by every derived host and path.
*/}}
{{- define "bp-newapi.fqdn" -}}
{{- required "sovereignFQDN is required (e.g. omantel.biz)" .Values.sovereignFQDN }}
{{- end }}

{{/*
In-cluster admin API URL of this release's Service.
*/}}
{{- define "bp-newapi.serviceURL" -}}
{{- printf "http://%s.%s.svc.cluster.local:%v" (include "bp-newapi.fullname" .) .Release.Namespace .Values.service.port }}
{{- end }}

{{/*
Whether the admin-token ExternalSecret renders: integration on, ES on, and the
external-secrets.io/v1beta1 API served.
*/}}
{{- define "bp-newapi.externalSecretEnabled" -}}
{{- if and .Values.catalystIntegration.enabled .Values.catalystIntegration.externalSecret.enabled (.Capabilities.APIVersions.Has "external-secrets.io/v1beta1") }}true{{ end }}
{{- end }}

{{/*
OpenBao path of the admin token: remoteRef.key, else sovereign/<fqdn>/newapi/admin-token.
*/}}
{{- define "bp-newapi.adminTokenKey" -}}
{{- $es := .Values.catalystIntegration.externalSecret }}
{{- if $es.remoteRef.key }}
{{- $es.remoteRef.key }}
{{- else }}
{{- printf "sovereign/%s/newapi/admin-token" (include "bp-newapi.fqdn" .) }}
{{- end }}
{{- end }}

{{/*
Database: whether the chart owns the DSN (no operator-supplied existingSecret).
*/}}
{{- define "bp-newapi.chartOwnsDatabase" -}}
{{- if not .Values.database.existingSecret }}true{{ end }}
{{- end }}

{{- define "bp-newapi.cnpgClusterName" -}}
{{- printf "%s-pg" (include "bp-newapi.fullname" .) | trunc 50 | trimSuffix "-" }}
{{- end }}

{{- define "bp-newapi.databaseSecretName" -}}
{{- if .Values.database.existingSecret }}
{{- .Values.database.existingSecret }}
{{- else }}
{{- printf "%s-db" (include "bp-newapi.fullname" .) }}
{{- end }}
{{- end }}

{{- define "bp-newapi.databaseSecretKey" -}}
{{- if .Values.database.existingSecret }}
{{- .Values.database.existingSecretKey }}
{{- else -}}
SQL_DSN
{{- end }}
{{- end }}

{{- define "bp-newapi.credentialsSecretName" -}}
{{- if .Values.credentials.existingSecret }}
{{- .Values.credentials.existingSecret }}
{{- else }}
{{- printf "%s-credentials" (include "bp-newapi.fullname" .) }}
{{- end }}
{{- end }}

{{/*
Deterministic secret material: sha256 of release, namespace, FQDN and purpose.
Reproducible renders (helm 3 = helm 4, no drift on every upgrade); operators
who need unguessable values set credentials.existingSecret.
*/}}
{{- define "bp-newapi.derivedSecret" -}}
{{- $ctx := index . 0 }}
{{- $purpose := index . 1 }}
{{- printf "%s/%s/%s/%s" $ctx.Release.Name $ctx.Release.Namespace $ctx.Values.sovereignFQDN $purpose | sha256sum }}
{{- end }}

{{/*
Channels the channel-seed Job posts, as a list of dicts. qwenBankDhofar only
when enabled AND both attestation fields are set (else silently skipped).
*/}}
{{- define "bp-newapi.channels" -}}
{{- $channels := list }}
{{- $q := .Values.defaultChannels.qwenBankDhofar }}
{{- if and $q $q.enabled }}
{{- $att := default dict $q.attestation }}
{{- if and $att.accountId $att.contractRef }}
{{- $channels = append $channels (dict "key" "qwenBankDhofar" "name" $q.name "type" "openai" "baseURL" $q.endpoint "models" $q.models "keySecret" $q.existingSecret "keySecretKey" $q.existingSecretKey "attestation" (dict "kind" $att.kind "accountId" (toString $att.accountId) "contractRef" (toString $att.contractRef))) }}
{{- end }}
{{- end }}
{{- $v := .Values.defaultChannels.vllm }}
{{- if and $v $v.enabled }}
{{- $att := default dict $v.attestation }}
{{- $channels = append $channels (dict "key" "vllm" "name" $v.name "type" "openai" "baseURL" $v.endpoint "models" $v.models "attestation" (dict "kind" $att.kind "owner" (toString (default "" $att.owner)))) }}
{{- end }}
{{- toJson $channels }}
{{- end }}

{{/*
Pod labels for hook Jobs: distinct name so the Service selector never matches them.
*/}}
{{- define "bp-newapi.jobPodLabels" -}}
app.kubernetes.io/name: {{ include "bp-newapi.name" .ctx }}-job
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
