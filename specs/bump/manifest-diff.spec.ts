// Canonical renders for the diff: sorted, noise stripped, Secret values redacted.
import { describe, expect, it } from 'vitest';
import { canonicalRender, diffTexts } from '../../src/bump/manifest-diff.js';
import { scrub, secretValues } from '../../src/manifests/secrets.js';
import type { Manifest } from '../../src/manifests/types.js';

function m(object: Record<string, unknown>, index = 0): Manifest {
  const meta = object.metadata as { name: string; namespace?: string };
  return { kind: object.kind as string, apiVersion: object.apiVersion as string, name: meta.name, namespace: meta.namespace, source: 't.yaml', index, object };
}

const deployment = m({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'ns', labels: { 'helm.sh/chart': 'bp-x-1.0.0', app: 'api' }, annotations: { 'checksum/config': 'abc' } },
  spec: { template: { metadata: { labels: { 'helm.sh/chart': 'bp-x-1.0.0' }, annotations: { 'checksum/secret': 'def', keep: 'yes' } }, spec: { containers: [{ name: 'api', image: 'x' }] } } },
});
const secret = m({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, data: { TOKEN: Buffer.from('s3cr3t-value').toString('base64') }, stringData: { RAW: 'another-secret' } }, 1);

describe('canonicalRender', () => {
  it('sorts objects and keys, strips helm.sh/chart and checksum/* noise, redacts Secret values', () => {
    expect(canonicalRender([secret, deployment])).toBe(
      [
        '--- # Deployment/ns/api',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  labels:',
        '    app: api',
        '  name: api',
        '  namespace: ns',
        'spec:',
        '  template:',
        '    metadata:',
        '      annotations:',
        '        keep: yes',
        '    spec:',
        '      containers:',
        '        - image: x',
        '          name: api',
        '--- # Secret/ns/s',
        'apiVersion: v1',
        'data:',
        '  TOKEN: <redacted>',
        'kind: Secret',
        'metadata:',
        '  name: s',
        '  namespace: ns',
        'stringData:',
        '  RAW: <redacted>',
        '',
      ].join('\n'),
    );
  });

  it('a chart version bump alone renders the same canonical text', () => {
    const bumped = structuredClone(deployment);
    (bumped.object.metadata as { labels: Record<string, string> }).labels['helm.sh/chart'] = 'bp-x-1.0.1';
    expect(canonicalRender([bumped])).toBe(canonicalRender([deployment]));
  });
});

describe('diffTexts', () => {
  it('equal texts: no patch', () => {
    expect(diffTexts('a', 'b', 'x\n', 'x\n', '1', '2')).toEqual({ patch: '', added: 0, removed: 0 });
  });

  it('a side without render shows all-added', () => {
    const d = diffTexts('base/c/cell', 'head/c/cell', undefined, 'a: 1\nb: 2\n', '(absent)', '1.0.0');
    expect(d).toMatchObject({ added: 2, removed: 0 });
    expect(d.patch).toBe('--- base/c/cell\t(absent)\n+++ head/c/cell\t1.0.0\n@@ -0,0 +1,2 @@\n+a: 1\n+b: 2\n');
  });

  it('counts removed lines, including a removed document separator', () => {
    const d = diffTexts('a', 'b', '--- # X/a\nk: 1\n--- # X/b\nk: 2\n', '--- # X/a\nk: 1\n', '1', '2');
    expect(d).toMatchObject({ added: 0, removed: 2 });
  });
});

describe('secretValues / scrub', () => {
  it('collects raw, decoded and encoded Secret values and scrubs them', () => {
    const values = secretValues([secret, deployment]);
    expect(values).toEqual(expect.arrayContaining(['s3cr3t-value', Buffer.from('s3cr3t-value').toString('base64'), 'another-secret']));
    expect(scrub('token=s3cr3t-value raw=another-secret', values)).toBe('token=<redacted> raw=<redacted>');
  });
});

