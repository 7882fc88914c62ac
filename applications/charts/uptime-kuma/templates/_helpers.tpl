{{- define "uptime-kuma.labels" -}}
app.kubernetes.io/name: uptime-kuma
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "uptime-kuma.selectorLabels" -}}
app.kubernetes.io/name: uptime-kuma
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
