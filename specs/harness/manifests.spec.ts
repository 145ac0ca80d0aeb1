import { describe, expect, it } from 'vitest';
import { ManifestIndex, query, queryOne } from '../../src/manifests/index.js';
import { parseManifests } from '../../src/manifests/parse.js';

const RENDER = `---
# Source: c/templates/ns.yaml
apiVersion: v1
kind: Namespace
metadata: {name: extra}
---
# Source: c/templates/deploy.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
        - name: api
          env: [{name: A, value: "1"}, {name: B, value: "2"}]
---
---
# Source: c/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: api, namespace: other}
`;

describe('parse and index a render', () => {
  const manifests = parseManifests(RENDER, { releaseNamespace: 'rel', defaultSource: 'c' });
  const index = new ManifestIndex(manifests);

  it('drops empty documents, keeps source, document index and the effective namespace', () => {
    expect(manifests.map((m) => [m.kind, m.namespace, m.name, m.source, m.index])).toEqual([
      ['Namespace', undefined, 'extra', 'c/templates/ns.yaml', 0],
      ['Deployment', 'rel', 'api', 'c/templates/deploy.yaml', 1],
      ['ConfigMap', 'other', 'api', 'c/templates/cm.yaml', 3],
    ]);
  });

  it('looks objects up by kind/namespace/name, and by kind and name when unique', () => {
    expect(index.get('Deployment', 'rel', 'api')?.source).toBe('c/templates/deploy.yaml');
    expect(index.get('Deployment', 'other', 'api')).toBeUndefined();
    expect(index.find('ConfigMap', 'api')?.namespace).toBe('other');
    expect(index.ofKind('Namespace', 'ConfigMap').map((m) => m.kind)).toEqual(['Namespace', 'ConfigMap']);
  });

  it('queries objects with JSONPath', () => {
    const deploy = index.get('Deployment', 'rel', 'api')!.object;
    expect(query(deploy, '$.spec.template.spec.containers[*].env[?(@.name==="B")].value')).toEqual(['2']);
    expect(queryOne(deploy, '$.spec.template.spec.containers[0].name')).toBe('api');
    expect(query(deploy, '$.spec.nothing')).toEqual([]);
    expect(queryOne(deploy, '$.spec.nothing')).toBeUndefined();
  });
});
