import { describe, expect, it } from 'vitest';
import { query, queryOne } from '../../src/manifests/query.js';
import { ManifestIndex } from '../support/manifest-index.js';
import { hookEvents, parseManifests } from '../../src/manifests/parse.js';
import type { K8sObject } from '../../src/manifests/types.js';

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

describe('helm hook events', () => {
  const withHook = (annotations?: Record<string, string>): K8sObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: annotations ? { name: 'j', annotations } : { name: 'j' },
  });

  it.each<{ name: string; annotations?: Record<string, string>; events: string[] }>([
    { name: 'a single event', annotations: { 'helm.sh/hook': 'post-install' }, events: ['post-install'] },
    { name: 'a list without spaces', annotations: { 'helm.sh/hook': 'pre-install,pre-upgrade' }, events: ['pre-install', 'pre-upgrade'] },
    {
      name: 'spaces around the commas and at the ends',
      annotations: { 'helm.sh/hook': ' pre-install , pre-upgrade,post-delete ' },
      events: ['pre-install', 'pre-upgrade', 'post-delete'],
    },
    { name: 'empty entries dropped', annotations: { 'helm.sh/hook': 'pre-install,,' }, events: ['pre-install'] },
    { name: 'no helm.sh/hook annotation', annotations: { 'helm.sh/hook-weight': '5' }, events: [] },
    { name: 'no annotations at all', events: [] },
    { name: 'an empty annotation', annotations: { 'helm.sh/hook': '' }, events: [] },
  ])('$name', ({ annotations, events }) => {
    expect(hookEvents(withHook(annotations))).toEqual(events);
  });

  it('marks hook objects in the parse and splits the index into hooks and release objects', () => {
    const text = [
      '# Source: c/templates/job.yaml',
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: migrate',
      '  annotations: {helm.sh/hook: "pre-install, pre-upgrade", helm.sh/hook-weight: "-5"}',
      '---',
      '# Source: c/templates/deploy.yaml',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api, annotations: {helm.sh/hook-weight: "1"}}',
      '',
    ].join('\n');
    const parsed = parseManifests(text, { releaseNamespace: 'rel', defaultSource: 'c' });
    expect(parsed.map((m) => [m.kind, m.hooks])).toEqual([
      ['Job', ['pre-install', 'pre-upgrade']],
      ['Deployment', undefined],
    ]);
    // Absent, not an empty list, on release objects: `hooks === undefined` is what the index tests.
    expect('hooks' in parsed[1]).toBe(false);
    const idx = new ManifestIndex(parsed);
    expect(idx.hooks().map((m) => m.name)).toEqual(['migrate']);
    expect(idx.releaseObjects().map((m) => m.name)).toEqual(['api']);
  });
});
