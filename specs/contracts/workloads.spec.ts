import { describe, expect, it } from 'vitest';
import { at, containerLabel, containersOf, kindName, namespaceOf, parseRef, podTemplateOf, refMatches } from '../../src/contracts/workloads.js';
import type { Manifest } from '../../src/manifests/types.js';
import { configMap, container, cronJob, deployment, release } from '../support/world-builder.js';

function templateOf(m: Manifest) {
  const t = podTemplateOf(m);
  if (!t) throw new Error(`${m.kind} has a pod template`);
  return t;
}

describe('at', () => {
  it('walks a key path through mappings', () => {
    expect(at({ spec: { template: { spec: { x: 1 } } } }, 'spec', 'template', 'spec', 'x')).toBe(1);
  });

  it('undefined when a step is missing or not a mapping', () => {
    expect(at({ spec: { template: [1] } }, 'spec', 'template', '0')).toBeUndefined();
    expect(at(null, 'a')).toBeUndefined();
  });
});

describe('pod templates and containers', () => {
  it('finds the pod spec where each kind keeps it, containers before init containers', () => {
    const cj = templateOf(cronJob('backup', { containers: [container('run')], initContainers: [container('wait')] }));
    expect(cj.prefix).toBe('spec.jobTemplate.spec.template.spec');
    expect(containersOf(cj).map((c) => [c.path, containerLabel(c)])).toEqual([
      ['spec.jobTemplate.spec.template.spec.containers[run]', 'container run'],
      ['spec.jobTemplate.spec.template.spec.initContainers[wait]', 'init container wait'],
    ]);
    expect(containersOf(cj, 'init').map((c) => c.name)).toEqual(['wait']);
  });

  it('a nameless container is named by its index; a ConfigMap has no pod template', () => {
    const t = templateOf(deployment('api', { containers: [{ image: 'x' }] }));
    expect(containersOf(t).map((c) => c.path)).toEqual(['spec.template.spec.containers[#0]']);
    expect(podTemplateOf(configMap('cfg', 'ns', {}))).toBeUndefined();
  });
});

describe('refs', () => {
  it('parses Kind/name and Kind/namespace/name', () => {
    expect(parseRef('Service/api')).toEqual({ kind: 'Service', name: 'api' });
    expect(parseRef('Secret/newapi/tok')).toEqual({ kind: 'Secret', namespace: 'newapi', name: 'tok' });
  });

  it('a ref without namespace matches any namespace; kind, name and a given namespace must match', () => {
    const m = deployment('api', { namespace: 'newapi' });
    expect([refMatches(parseRef('Deployment/api'), m), refMatches(parseRef('Deployment/newapi/api'), m)]).toEqual([true, true]);
    expect([refMatches(parseRef('Deployment/other/api'), m), refMatches(parseRef('StatefulSet/api'), m), refMatches(parseRef('Deployment/web'), m)]).toEqual([
      false,
      false,
      false,
    ]);
    expect(kindName(m)).toBe('Deployment/api');
  });

  it('namespaceOf: the manifest namespace, else the release namespace, else default', () => {
    expect(namespaceOf(deployment('api', { namespace: 'a' }), release('bp-newapi', 'b', []))).toBe('a');
    expect(namespaceOf(deployment('api'), release('bp-newapi', 'b', []))).toBe('b');
    expect(namespaceOf(deployment('api'))).toBe('default');
  });
});
