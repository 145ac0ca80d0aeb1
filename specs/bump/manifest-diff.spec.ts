// Canonical renders for the diff: sorted, noise stripped, Secret values redacted.
import { describe, expect, it } from 'vitest';
import { canonicalRender, diffTexts, NONDETERMINISTIC } from '../../src/bump/manifest-diff.js';
import { scrub, secretValues } from '../../src/manifests/redact.js';
import type { Manifest } from '../../src/manifests/types.js';

function m(object: Record<string, unknown>, index = 0): Manifest {
  const meta = object.metadata as { name: string; namespace?: string };
  return { kind: object.kind as string, apiVersion: object.apiVersion as string, name: meta.name, namespace: meta.namespace, source: 't.yaml', index, object };
}

const deployment = m({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'ns', labels: { 'helm.sh/chart': 'bp-x-1.0.0', app: 'api' }, annotations: { 'checksum/config': 'abc' } },
  spec: {
    template: {
      metadata: { labels: { 'helm.sh/chart': 'bp-x-1.0.0' }, annotations: { 'checksum/secret': 'def', keep: 'yes' } },
      spec: { containers: [{ name: 'api', image: 'x' }] },
    },
  },
});
const secret = m(
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'ns' },
    data: { TOKEN: Buffer.from('s3cr3t-value').toString('base64') },
    stringData: { RAW: 'another-secret' },
  },
  1,
);

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

describe('canonicalRender: nondeterministic paths', () => {
  // Base and head of an unchanged chart whose templates call randAlphaNum and now.
  const side = (token: string, stamp: string, extra: string) => [
    m({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, data: { TOKEN: token, FIXED: 'Zml4ZWQ=' } }),
    m(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns', annotations: { 'example.org/rendered-at': stamp } }, data: { mode: 'x' } },
      1,
    ),
    // A Job named with a random suffix: a different object every render.
    m({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `migrate-${extra}`, namespace: 'ns' } }, 2),
  ];
  const base = side('YWFh', '2026-01-01T00:00:00.1', 'abcde');
  const head = side('YmJi', '2026-01-01T00:00:00.2', 'fghij');
  // What the probe found on each side: base lists its Job, head its own (either side counts).
  const excluded = [
    { resource: { kind: 'Secret', namespace: 'ns', name: 's' }, path: 'data.TOKEN' },
    { resource: { kind: 'ConfigMap', namespace: 'ns', name: 'c' }, path: 'metadata.annotations.example.org/rendered-at' },
    { resource: { kind: 'Job', namespace: 'ns', name: 'migrate-abcde' }, path: '(object)' },
    { resource: { kind: 'Job', namespace: 'ns', name: 'migrate-fghij' }, path: '(object)' },
  ];

  it('without them, every run shows a change', () => {
    const d = diffTexts('a', 'b', canonicalRender(base), canonicalRender(head), '1', '1');
    // The timestamp and the Job (header and name); the Secret value is <redacted> on both sides anyway.
    expect(d).toMatchObject({ added: 3, removed: 3 });
    expect(d.patch).toContain('\n-    example.org/rendered-at: 2026-01-01T00:00:00.1\n+    example.org/rendered-at: 2026-01-01T00:00:00.2\n');
    expect(d.patch).toContain('\n---- # Job/ns/migrate-abcde\n+--- # Job/ns/migrate-fghij\n');
  });

  it('with them, the two sides are equal: masked fields keep their key, random objects are left out', () => {
    const text = canonicalRender(base, excluded);
    expect(text).toBe(canonicalRender(head, excluded));
    expect(diffTexts('a', 'b', text, canonicalRender(head, excluded), '1', '1')).toEqual({ patch: '', added: 0, removed: 0 });
    expect(text).toBe(
      [
        '--- # ConfigMap/ns/c',
        'apiVersion: v1',
        'data:',
        '  mode: x',
        'kind: ConfigMap',
        'metadata:',
        '  annotations:',
        `    example.org/rendered-at: ${NONDETERMINISTIC}`,
        '  name: c',
        '  namespace: ns',
        '--- # Secret/ns/s',
        'apiVersion: v1',
        'data:',
        '  FIXED: <redacted>',
        `  TOKEN: ${NONDETERMINISTIC}`,
        'kind: Secret',
        'metadata:',
        '  name: s',
        '  namespace: ns',
        '',
      ].join('\n'),
    );
  });

  it('a real change next to a masked field still shows', () => {
    const changed = side('YmJi', '2026-01-01T00:00:00.2', 'fghij');
    (changed[1].object.data as Record<string, string>).mode = 'y';
    const d = diffTexts('a', 'b', canonicalRender(base, excluded), canonicalRender(changed, excluded), '1', '1');
    expect(d).toMatchObject({ added: 1, removed: 1 });
    expect(d.patch).toContain('\n-  mode: x\n+  mode: y\n');
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
