import { describe, expect, it } from 'vitest';
import {
  entryMatches,
  hasReflectorAnnotations,
  listAdmits,
  REFLECTION_ALLOWED,
  REFLECTION_ALLOWED_NAMESPACES,
  REFLECTION_AUTO_ENABLED,
  REFLECTION_AUTO_NAMESPACES,
  reflectsInto,
  secretSourceOf,
  splitNamespaceList,
  type SecretSource,
} from '../../src/contracts/secrets.js';
import { configMap, externalSecret, secret } from '../support/world-builder.js';

describe('secretSourceOf', () => {
  it('a Secret produces itself, with its own annotations', () => {
    const s = secretSourceOf(secret('tok', 'newapi', { annotations: { a: 'b' } }));
    expect(s && { via: s.via, secretName: s.secretName, namespace: s.namespace, annotations: s.annotations, annotationsPath: s.annotationsPath }).toEqual({
      via: 'Secret',
      secretName: 'tok',
      namespace: 'newapi',
      annotations: { a: 'b' },
      annotationsPath: 'metadata.annotations',
    });
  });

  it('an ExternalSecret produces its target (else its own name), annotated by the target template', () => {
    const s = secretSourceOf(
      externalSecret('es', 'vault', { targetName: 'tok', targetAnnotations: { [REFLECTION_ALLOWED]: 'true' }, annotations: { ignored: 'x' } }),
    );
    expect(s && { via: s.via, secretName: s.secretName, namespace: s.namespace, annotations: s.annotations, annotationsPath: s.annotationsPath }).toEqual({
      via: 'ExternalSecret',
      secretName: 'tok',
      namespace: 'vault',
      annotations: { [REFLECTION_ALLOWED]: 'true' },
      annotationsPath: 'spec.target.template.metadata.annotations',
    });
    expect(secretSourceOf(externalSecret('es', 'vault'))?.secretName).toBe('es');
  });

  it('no Secret from a ConfigMap, nor from an ExternalSecret of another API group', () => {
    expect(secretSourceOf(configMap('tok', 'newapi', { a: 'b' }))).toBeUndefined();
    expect(secretSourceOf(externalSecret('es', 'vault', { apiVersion: 'example.com/v1' }))).toBeUndefined();
  });
});

describe('reflector namespace lists', () => {
  it('entries are comma-separated, trimmed, and full-match regexes', () => {
    expect(splitNamespaceList(' newapi , ,team-.* ')).toEqual(['newapi', 'team-.*']);
    expect(splitNamespaceList(undefined)).toEqual([]);
    expect([entryMatches('team-.*', 'team-a'), entryMatches('newapi', 'newapi')]).toEqual([true, true]);
  });

  it('a partial match or a broken regex admits nothing; an empty list admits all', () => {
    expect([entryMatches('new', 'newapi'), entryMatches('api', 'newapi'), entryMatches('(', 'newapi')]).toEqual([false, false, false]);
    expect([listAdmits('', 'anything'), listAdmits(undefined, 'anything'), listAdmits('a,b', 'c'), listAdmits('a,b', 'b')]).toEqual([true, true, false, true]);
  });
});

describe('reflectsInto', () => {
  const source = (annotations: Record<string, string>): SecretSource => {
    const s = secretSourceOf(secret('tok', 'catalyst-system', { annotations }));
    if (!s) throw new Error('a Secret is a source');
    return s;
  };
  const MIRROR = {
    [REFLECTION_ALLOWED]: 'true',
    [REFLECTION_AUTO_ENABLED]: 'true',
    [REFLECTION_ALLOWED_NAMESPACES]: 'newapi',
    [REFLECTION_AUTO_NAMESPACES]: '',
  };

  it('mirrors into an allowed namespace when allowed and auto are both on', () => {
    expect(reflectsInto(source(MIRROR), 'newapi')).toBe(true);
    expect(hasReflectorAnnotations(source(MIRROR))).toBe(true);
  });

  it('not into its own namespace, nor one the list refuses, nor with auto off', () => {
    expect(reflectsInto(source(MIRROR), 'catalyst-system')).toBe(false);
    expect(reflectsInto(source(MIRROR), 'other')).toBe(false);
    expect(reflectsInto(source({ ...MIRROR, [REFLECTION_AUTO_ENABLED]: 'false' }), 'newapi')).toBe(false);
    expect(hasReflectorAnnotations(source({ other: 'x' }))).toBe(false);
  });
});
