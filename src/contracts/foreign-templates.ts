// Fields where `{{ … }}` belongs to another template engine, which expands it in the cluster:
// External Secrets templates, Prometheus rule annotations/labels, AlertmanagerConfig receivers.
// A template file in a plain ConfigMap is not known by shape: templateResidueAllowed names it.
// Braces there are not Helm residue, unless they hold a Helm expression (`.Values`, `.Release`,
// `.Chart`, `include`, `tpl`…), which no other engine understands.
import type { Manifest } from '../manifests/types.js';
import { ruleMatches } from './generated-objects.js';

export interface ForeignTemplateField {
  /** `group/Kind` (group of the apiVersion) or `Kind`. */
  source: string;
  /** Field path (as residue paths print it) under which braces are the other engine's. */
  path: RegExp;
  engine: string;
}

/** Below a path: the path itself, a child field or a list item. */
const under = (prefix: string): RegExp => new RegExp(`^${prefix}(?:\\.|\\[|$)`);

export const FOREIGN_TEMPLATE_FIELDS: readonly ForeignTemplateField[] = [
  {
    source: 'external-secrets.io/ExternalSecret',
    path: under('spec\\.target\\.template'),
    engine: 'External Secrets templating (target.template, templateFrom)',
  },
  { source: 'external-secrets.io/ClusterExternalSecret', path: under('spec\\.externalSecretSpec\\.target\\.template'), engine: 'External Secrets templating' },
  { source: 'external-secrets.io/PushSecret', path: under('spec\\.template'), engine: 'External Secrets templating (PushSecret)' },
  {
    source: 'monitoring.coreos.com/PrometheusRule',
    path: under('spec\\.groups\\[[^\\]]+\\]\\.rules\\[[^\\]]+\\]\\.(?:annotations|labels)'),
    engine: 'Prometheus alert templating',
  },
  { source: 'monitoring.coreos.com/AlertmanagerConfig', path: under('spec\\.receivers'), engine: 'Alertmanager notification templates' },
];

/** `{{ … }}` holding something only Helm defines. */
const HELM_EXPRESSION = /\{\{-?[^}]*?(?:\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|\b(?:include|tpl|required)\s)/;

export function isHelmExpression(value: string): boolean {
  return HELM_EXPRESSION.test(value);
}

/** The other engine whose field this is, or undefined. */
export function foreignTemplateAt(m: Pick<Manifest, 'kind' | 'apiVersion'>, path: string): ForeignTemplateField | undefined {
  return FOREIGN_TEMPLATE_FIELDS.find((f) => ruleMatches({ source: f.source, creates: [], reason: '' }, m) && f.path.test(path));
}
