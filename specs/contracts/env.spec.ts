import { describe, expect, it } from 'vitest';
import { describeEnvSource, envDiffSuffix, envFromEntries, envMap, envSource, type EnvSource } from '../../src/contracts/env.js';

const secretRef = (name: string, key: string, optional?: boolean) => ({
  valueFrom: { secretKeyRef: optional === undefined ? { name, key } : { name, key, optional } },
});

describe('envSource', () => {
  it('normalises what the kubelet treats alike: absent value = "", absent optional = false, divisor 1 = none, apiVersion v1', () => {
    expect(envSource({ name: 'A' })).toEqual({ kind: 'value', value: '' });
    expect(envSource({ name: 'A', value: 8080 })).toEqual({ kind: 'value', value: '8080' });
    expect(envSource({ name: 'T', ...secretRef('tok', 'TOKEN') })).toEqual({ kind: 'secretKeyRef', name: 'tok', key: 'TOKEN', optional: false });
    expect(envSource({ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } })).toEqual({
      kind: 'fieldRef',
      fieldPath: 'metadata.namespace',
      apiVersion: 'v1',
    });
    expect(envSource({ name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1' } } })).toEqual({
      kind: 'resourceFieldRef',
      resource: 'limits.memory',
    });
  });

  it('an unrecognised valueFrom is kept raw, not read as a value', () => {
    expect(envSource({ name: 'X', valueFrom: { vaultRef: { path: 'a' } } })).toEqual({ kind: 'unknown', raw: '{"vaultRef":{"path":"a"}}' });
  });
});

describe('describeEnvSource', () => {
  it('reads each kind the way messages print it', () => {
    const sources: EnvSource[] = [
      { kind: 'value', value: 'http://a' },
      { kind: 'configMapKeyRef', name: 'cfg', key: 'URL', optional: true },
      { kind: 'fieldRef', fieldPath: 'metadata.name', apiVersion: 'v1' },
      { kind: 'fieldRef', fieldPath: 'metadata.name', apiVersion: 'v2' },
      { kind: 'resourceFieldRef', resource: 'limits.cpu', containerName: 'api', divisor: '1m' },
      { kind: 'unknown', raw: '{"x":1}' },
    ];
    expect(sources.map(describeEnvSource)).toEqual([
      'value "http://a"',
      'configMapKeyRef cfg/URL optional=true',
      'fieldRef metadata.name',
      'fieldRef metadata.name apiVersion=v2',
      'resourceFieldRef limits.cpu containerName=api divisor=1m',
      'valueFrom {"x":1}',
    ]);
  });
});

describe('envDiffSuffix', () => {
  const s = (name: string, key: string, optional: boolean): EnvSource => ({ kind: 'secretKeyRef', name, key, optional });

  it('points at the one field that differs', () => {
    expect(envDiffSuffix({ kind: 'value', value: 'a' }, { kind: 'value', value: 'b' })).toBe('.value');
    expect(envDiffSuffix(s('tok', 'K', false), s('tok', 'K', true))).toBe('.valueFrom.secretKeyRef.optional');
  });

  it('stops at the ref when several fields differ, and at the var when the kinds differ', () => {
    expect(envDiffSuffix(s('tok', 'K', false), s('other', 'L', false))).toBe('.valueFrom.secretKeyRef');
    expect(envDiffSuffix({ kind: 'value', value: 'a' }, s('tok', 'K', false))).toBe('');
  });
});

describe('envMap and envFromEntries', () => {
  it('the last duplicate env var wins, as in the kubelet; nameless entries are dropped', () => {
    const map = envMap({ env: [{ name: 'A', value: '1' }, { value: 'x' }, { name: 'A', value: '2' }, 'junk'] });
    expect([...map.entries()]).toEqual([['A', { name: 'A', value: '2' }]]);
  });

  it('envFrom entries are keyed by kind and name, with optional and prefix spelled out', () => {
    expect(
      envFromEntries({ envFrom: [{ secretRef: { name: 'tok' } }, { configMapRef: { name: 'cfg', optional: true }, prefix: 'APP_' }, { other: 1 }] }),
    ).toEqual([
      { key: 'secretRef:tok', description: 'secretRef tok optional=false' },
      { key: 'configMapRef:cfg', description: 'configMapRef cfg optional=true prefix="APP_"' },
      { key: '{"other":1}', description: 'envFrom {"other":1}' },
    ]);
    expect(envFromEntries({})).toEqual([]);
  });
});
