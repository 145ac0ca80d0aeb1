// helm-controller's values composition (flux-facts §4.5), pure: valuesFrom in order, then
// spec.values; targetPath writes as Helm's --set; the targetPath-vs-inline trap; optional refs.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { K8sObject } from '../../src/manifests/types.js';
import { composeValues, dataOf, mergeMaps } from '../../src/render/flux/values-from.js';
import { parsePath, typedValue } from '../../src/render/flux/set-path.js';
import type { ObjectLookup } from '../../src/render/flux/release.js';

const cm = (name: string, data: Record<string, string>): K8sObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'web' }, data });
const secret = (name: string, data: Record<string, string>): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: 'web' },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});
const lookupOf =
  (...objects: K8sObject[]): ObjectLookup =>
  (kind, ns, name) =>
    objects.find((o) => o.kind === kind && o.metadata?.namespace === ns && o.metadata?.name === name);
const hr = (valuesFrom: unknown[], values: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'web', namespace: 'web' },
  spec: { valuesFrom, values },
});
const compose = (h: K8sObject, lookup: ObjectLookup) => composeValues(h, 'web', (h.spec as { values: Record<string, unknown> }).values, 'hr.yaml:1', lookup);

describe('composeValues', () => {
  it('later valuesFrom over earlier, inline values over all; maps merged deep', () => {
    const lookup = lookupOf(cm('a', { 'values.yaml': 'image: {tag: a, repo: r}\nn: 1\n' }), cm('b', { custom: 'image: {tag: b}\nm: 2\n' }));
    const { values } = compose(
      hr(
        [
          { kind: 'ConfigMap', name: 'a' },
          { kind: 'ConfigMap', name: 'b', valuesKey: 'custom' },
        ],
        { n: 9 },
      ),
      lookup,
    );
    expect(values).toEqual({ image: { tag: 'b', repo: 'r' }, n: 9, m: 2 });
  });

  it('targetPath vs inline (flux-facts §5): the ConfigMap made `image` first, so inline wins', () => {
    const lookup = lookupOf(cm('base', { 'values.yaml': 'image: {tag: a}\nreplicaCount: 1\n' }), secret('pin', { tag: 'b' }));
    const refs = [
      { kind: 'ConfigMap', name: 'base' },
      { kind: 'Secret', name: 'pin', valuesKey: 'tag', targetPath: 'image.tag' },
    ];
    expect(compose(hr(refs, { image: { tag: 'c' } }), lookup).values).toEqual({ image: { tag: 'c' }, replicaCount: 1 });
  });

  it("targetPath vs inline: without the first ref the parent map is inline's own, so targetPath wins", () => {
    const lookup = lookupOf(secret('pin', { tag: 'b' }));
    const refs = [{ kind: 'Secret', name: 'pin', valuesKey: 'tag', targetPath: 'image.tag' }];
    const res = compose(hr(refs, { image: { tag: 'c' } }), lookup);
    expect(res.values).toEqual({ image: { tag: 'b' } });
    expect(res.secrets).toEqual(['b']);
  });

  it('targetPath typing as helm --set; literal keeps the text', () => {
    const lookup = lookupOf(cm('v', { n: '3', b: 'TRUE', s: '"007"', l: '{a,b}', lit: 'a,b' }));
    const refs = [
      { kind: 'ConfigMap', name: 'v', valuesKey: 'n', targetPath: 'a.n' },
      { kind: 'ConfigMap', name: 'v', valuesKey: 'b', targetPath: 'a.b' },
      { kind: 'ConfigMap', name: 'v', valuesKey: 's', targetPath: 'a.s' },
      { kind: 'ConfigMap', name: 'v', valuesKey: 'l', targetPath: 'list' },
      { kind: 'ConfigMap', name: 'v', valuesKey: 'lit', targetPath: 'x\\.y', literal: true },
      { kind: 'ConfigMap', name: 'v', valuesKey: 'n', targetPath: 'hosts[1].port' },
    ];
    expect(compose(hr(refs), lookup).values).toEqual({ a: { n: 3, b: true, s: '007' }, list: ['a', 'b'], 'x.y': 'a,b', hosts: [undefined, { port: 3 }] });
  });

  it('optional tolerates a missing object and a missing key, and says so', () => {
    const lookup = lookupOf(cm('a', { other: 'x: 1' }));
    const res = compose(
      hr(
        [
          { kind: 'ConfigMap', name: 'a', optional: true },
          { kind: 'Secret', name: 'gone', optional: true },
        ],
        { k: 1 },
      ),
      lookup,
    );
    expect(res.values).toEqual({ k: 1 });
    expect(res.skipped).toEqual(['ConfigMap web/a has no key values.yaml (optional: skipped)', 'Secret web/gone is not in the kit (optional: skipped)']);
  });

  it.each<[string, unknown[], K8sObject[], string]>([
    [
      'missing object',
      [{ kind: 'ConfigMap', name: 'gone' }],
      [],
      'hr.yaml:1: HelmRelease web/web spec.valuesFrom[0]: ConfigMap web/gone is not in the kit (Flux would not install the release; mark it optional: true if it may be absent)',
    ],
    [
      'missing key',
      [{ kind: 'ConfigMap', name: 'a', valuesKey: 'k' }],
      [cm('a', {})],
      'hr.yaml:1: HelmRelease web/web spec.valuesFrom[0]: ConfigMap web/a has no key k (Flux would not install the release; mark it optional: true if it may be absent)',
    ],
    [
      'not a map',
      [{ kind: 'ConfigMap', name: 'a' }],
      [cm('a', { 'values.yaml': '- 1' })],
      'hr.yaml:1: HelmRelease web/web spec.valuesFrom[0]: ConfigMap web/a key values.yaml must hold a YAML mapping of values',
    ],
    ['bad kind', [{ kind: 'Pod', name: 'a' }], [], 'hr.yaml:1: HelmRelease web/web spec.valuesFrom[0]: kind must be ConfigMap or Secret, got Pod'],
    [
      'comma in a --set value',
      [{ kind: 'ConfigMap', name: 'a', valuesKey: 'k', targetPath: 'x' }],
      [cm('a', { k: 'a,b' })],
      "hr.yaml:1: HelmRelease web/web spec.valuesFrom[0]: the value holds a comma, which Helm's --set reads as a second key=value (use literal: true)",
    ],
  ])('error: %s', (_t, refs, objects, message) => {
    const call = () => compose(hr(refs), lookupOf(...objects));
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(message);
  });

  it('Secret-sourced values are collected for redaction; the kit object is left as written', () => {
    const inline = { keep: { x: 1 } };
    const h = hr([{ kind: 'Secret', name: 's' }], inline);
    const res = compose(h, lookupOf(secret('s', { 'values.yaml': 'db: {password: hunter22, port: 5432}\n' })));
    expect(res.secrets).toEqual(['hunter22', '5432']);
    expect(res.values).toEqual({ db: { password: 'hunter22', port: 5432 }, keep: { x: 1 } });
    expect(inline).toEqual({ keep: { x: 1 } });
  });
});

describe('helpers', () => {
  it('mergeMaps shares nested objects of the right side, as upstream does', () => {
    const b = { m: { k: 1 } };
    const out = mergeMaps({ a: 1 }, b);
    expect(out.m).toBe(b.m);
  });
  it('dataOf: Secret data decoded and stringData over it; ConfigMap data as is', () => {
    expect(dataOf({ kind: 'Secret', data: { a: Buffer.from('x').toString('base64') }, stringData: { b: 'y' } })).toEqual({ a: 'x', b: 'y' });
    expect(dataOf({ kind: 'ConfigMap', data: { a: 'x' }, binaryData: { b: 'eA==' } })).toEqual({ a: 'x' });
  });
  it('parsePath and typedValue', () => {
    expect(parsePath('a.b[0].c\\.d', 'at')).toEqual(['a', 'b', 0, 'c.d']);
    expect([typedValue('0', 'at'), typedValue('012', 'at'), typedValue('null', 'at'), typedValue('False', 'at')]).toEqual([0, '012', null, false]);
  });
});
