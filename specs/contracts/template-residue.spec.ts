import { describe, expect, it } from 'vitest';
import type { AllowedResidue } from '../../src/config/types.js';
import { findResidue, templateResidue } from '../../src/contracts/template-residue.js';
import { formatViolation } from '../../src/contracts/violation.js';
import type { Manifest } from '../../src/manifests/types.js';
import '../support/matchers.js';
import {
  CATALYST,
  CATALYST_NS,
  chartFacts,
  configMap,
  container,
  deployment,
  env,
  expectNoSecretDataInViolations,
  release,
  secret,
  world,
} from '../support/world-builder.js';

const RESIDUE = '{{ .Values.logLevel | default "info" }}';
const api = (value = 'info') =>
  deployment('catalyst-api', { namespace: CATALYST_NS, containers: [container('api', { env: [env.value('LOG_LEVEL', value)] })] });

function fixture(helm: Manifest[], kustomize?: Manifest[], allowed: AllowedResidue[] = []) {
  return world({
    charts: [chartFacts(CATALYST, '1.4.225', { templateResidueAllowed: allowed })],
    releases: [release(CATALYST, CATALYST_NS, helm)],
    ...(kustomize ? { kustomize: release(CATALYST, CATALYST_NS, kustomize, { renderer: 'kustomize' }) } : {}),
  });
}

const ALERTS = configMap('catalyst-alerts', CATALYST_NS, { 'alerts.tmpl': '{{ define "slack.title" }}{{ .Status }}{{ end }}' });

describe('template-residue', () => {
  it('always applies', () => expect(templateResidue.appliesTo(fixture([api()]))).toBe(true));

  it('findResidue finds {{ and template-style }}, addresses named list items by name and odd keys in brackets', () => {
    expect(
      findResidue({
        spec: {
          containers: [
            {
              name: 'api',
              env: [
                { name: 'X', value: 'a }} b' },
                { name: 'J', value: '{"a":{"b":1}}' },
              ],
            },
          ],
          data: { 'a.b': '{{x' },
        },
      }),
    ).toEqual([
      { path: 'spec.containers[api].env[X].value', value: 'a }} b' },
      { path: 'spec.data[a.b]', value: '{{x' },
    ]);
  });

  it.each([
    { name: 'clean helm and kustomize renders', helm: [api()], kust: [api()] },
    {
      name: 'nested JSON closing braces in a script (bp-newapi db-secret-sync)',
      helm: [api(`kubectl patch secret x -p "{\\"data\\":{\\"SQL_DSN\\":\\"$(cat dsn)\\"}}"`)],
    },
    {
      name: 'an allowed alerting template, whole resource',
      helm: [api(), ALERTS],
      allowed: [{ resource: 'ConfigMap/catalyst-alerts', reason: 'Alertmanager templates' }],
    },
    {
      name: 'an allowed alerting template, by path prefix',
      helm: [api(), ALERTS],
      allowed: [{ resource: 'ConfigMap/catalyst-alerts', path: 'data', reason: 'Alertmanager templates' }],
    },
  ])('passes: $name', ({ helm, kust, allowed }) => {
    expect(templateResidue.check(fixture(helm, kust, allowed))).toHaveNoViolations();
  });

  it.each([
    {
      name: 'a Kustomize sibling that still holds a Helm expression',
      helm: [api()],
      kust: [api(RESIDUE)],
      lines: [
        '[template-residue] chart bp-catalyst-platform · cell default · kustomize · Deployment/catalyst-system/catalyst-api · spec.template.spec.containers[api].env[LOG_LEVEL].value: a Helm template expression was left in the kustomize output (templates/deployment-catalyst-api.yaml): the cluster receives it verbatim (expected no {{ or }} in rendered output, actual "{{ .Values.logLevel | default \\"info\\" }}")',
      ],
    },
    {
      name: 'a helm output that kept a template (values string never passed through tpl)',
      helm: [api(), ALERTS],
      allowed: [{ resource: 'ConfigMap/catalyst-alerts', path: 'data[other]', reason: 'wrong key' }],
      lines: [
        '[template-residue] chart bp-catalyst-platform · cell default · helm4 · ConfigMap/catalyst-system/catalyst-alerts · data[alerts.tmpl]: the helm4 output still holds a template expression (templates/configmap-catalyst-alerts.yaml): a value rendered without tpl, or an escaped template (expected no {{ or }} in rendered output, actual "{{ define \\"slack.title\\" }}{{ .Status }}{{ end }}")',
      ],
    },
    {
      name: 'a Secret holding residue (value redacted, base64 decoded to find it)',
      helm: [api(), secret('catalyst-env', CATALYST_NS, { data: { TOKEN: Buffer.from('{{ .Values.token }}').toString('base64') } })],
      lines: [
        '[template-residue] chart bp-catalyst-platform · cell default · helm4 · Secret/catalyst-system/catalyst-env · data.TOKEN: the helm4 output still holds a template expression (templates/secret-catalyst-env.yaml): a value rendered without tpl, or an escaped template (expected no {{ or }} in rendered output, actual <redacted>)',
      ],
    },
  ])('fails: $name', ({ helm, kust, allowed, lines }) => {
    expect(templateResidue.check(fixture(helm, kust, allowed)).map(formatViolation)).toEqual(lines);
  });

  it('has nothing to check on an empty render', () => {
    expect(templateResidue.check(fixture([])).map(formatViolation)).toEqual([
      '[template-residue] chart bp-catalyst-platform · cell default · helm4 · (render): nothing to check: the render has no objects (expected rendered objects to scan, actual none)',
    ]);
  });

  it('never prints Secret data', () => expectNoSecretDataInViolations());
});
