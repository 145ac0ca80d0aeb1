{{- define "billing.labels" -}}
app.kubernetes.io/name: billing
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
