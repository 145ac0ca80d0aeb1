import { describe, expect, it } from 'vitest';
import { effectiveNamespace, isClusterScoped } from '../../src/manifests/scope.js';

describe('isClusterScoped', () => {
  it('cluster kinds (core and CRDs the bundled stack uses) are cluster-scoped; namespaced kinds are not', () => {
    expect(['ClusterRole', 'Namespace', 'CustomResourceDefinition', 'ClusterSecretStore'].map(isClusterScoped)).toEqual([true, true, true, true]);
    expect(['Role', 'Secret', 'SecretStore', 'Deployment', 'clusterrole'].map(isClusterScoped)).toEqual([false, false, false, false, false]);
  });
});

describe('effectiveNamespace', () => {
  it('the declared namespace wins, else the release namespace', () => {
    expect(effectiveNamespace('Secret', 'vault', 'newapi')).toBe('vault');
    expect(effectiveNamespace('Secret', undefined, 'newapi')).toBe('newapi');
    expect(effectiveNamespace('Secret', '', 'newapi')).toBe('newapi');
    expect(effectiveNamespace('Secret', 42, 'newapi')).toBe('newapi');
  });

  it('a cluster-scoped kind has none, even when one is declared', () => {
    expect(effectiveNamespace('ClusterRole', 'newapi', 'newapi')).toBeUndefined();
  });
});
