// Fields where {{ }} belongs to another template engine: one test per row of the table,
// the Helm expressions that stay residue there, and fields next to them that stay checked.
import { describe, expect, it } from 'vitest';
import { FOREIGN_TEMPLATE_FIELDS, foreignTemplateAt, isHelmExpression } from '../../src/contracts/foreign-templates.js';

const at = (kind: string, apiVersion: string, path: string) => foreignTemplateAt({ kind, apiVersion }, path)?.engine;

describe('FOREIGN_TEMPLATE_FIELDS, one row at a time', () => {
  it('lists exactly the rows tested below', () => {
    expect(FOREIGN_TEMPLATE_FIELDS.map((f) => f.source)).toEqual([
      'external-secrets.io/ExternalSecret',
      'external-secrets.io/ClusterExternalSecret',
      'external-secrets.io/PushSecret',
      'monitoring.coreos.com/PrometheusRule',
      'monitoring.coreos.com/AlertmanagerConfig',
    ]);
  });

  it('ExternalSecret target.template and templateFrom', () => {
    expect(at('ExternalSecret', 'external-secrets.io/v1beta1', 'spec.target.template.data.URL')).toContain('External Secrets');
    expect(at('ExternalSecret', 'external-secrets.io/v1', 'spec.target.template.templateFrom[0].literal')).toContain('External Secrets');
    expect(at('ExternalSecret', 'external-secrets.io/v1beta1', 'spec.data[0].remoteRef.key')).toBeUndefined();
  });

  it('ClusterExternalSecret externalSecretSpec.target.template', () => {
    expect(at('ClusterExternalSecret', 'external-secrets.io/v1beta1', 'spec.externalSecretSpec.target.template.data.X')).toContain('External Secrets');
  });

  it('PushSecret template', () => {
    expect(at('PushSecret', 'external-secrets.io/v1alpha1', 'spec.template.data.X')).toContain('PushSecret');
  });

  it('PrometheusRule rule annotations and labels, not expr', () => {
    expect(at('PrometheusRule', 'monitoring.coreos.com/v1', 'spec.groups[api].rules[0].annotations.summary')).toBe('Prometheus alert templating');
    expect(at('PrometheusRule', 'monitoring.coreos.com/v1', 'spec.groups[api].rules[0].labels.instance')).toBe('Prometheus alert templating');
    expect(at('PrometheusRule', 'monitoring.coreos.com/v1', 'spec.groups[api].rules[0].expr')).toBeUndefined();
  });

  it('AlertmanagerConfig receivers', () => {
    expect(at('AlertmanagerConfig', 'monitoring.coreos.com/v1alpha1', 'spec.receivers[slack].slackConfigs[0].text')).toContain('Alertmanager');
  });

  it('the same path on another kind or group is not foreign', () => {
    expect(at('ConfigMap', 'v1', 'spec.target.template.data.URL')).toBeUndefined();
    expect(at('ExternalSecret', 'example.com/v1', 'spec.target.template.data.URL')).toBeUndefined();
  });
});

describe('isHelmExpression', () => {
  it.each([
    '{{ .Values.host }}',
    '{{- .Release.Name }}',
    '{{ .Chart.Version }}',
    '{{ include "x.fullname" . }}',
    '{{ tpl .Values.t . }}',
    '{{ .Capabilities.KubeVersion }}',
  ])('%s is Helm', (s) => {
    expect(isHelmExpression(s)).toBe(true);
  });
  it.each(['{{ .password | urlquery }}', '{{ $labels.instance }}', '{{ $value | humanize }}', '{{ .CommonLabels.alertname }}', '{{ .Status }}'])(
    '%s is not',
    (s) => {
      expect(isHelmExpression(s)).toBe(false);
    },
  );
});
