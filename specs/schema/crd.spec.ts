// CRD schemas run as the API server runs them (src/schema/crd.ts): what strict mode must not
// flag (the API server's own root fields, embedded resources, anyOf/oneOf branches that only
// constrain), nullable fields, and a schema Ajv cannot compile reported as one problem.
import { describe, expect, it } from 'vitest';
import { crdValidator, type CrdType } from '../../src/schema/crd.js';

const type = (schema: Record<string, unknown>): CrdType => ({ apiVersion: 'example.io/v1', kind: 'Thing', source: 'CRD things.example.io (test)', schema });
const strict = { strict: true };

describe('crdValidator', () => {
  it("allows the API server's apiVersion, kind and metadata whatever the root declares", () => {
    const v = crdValidator(type({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } }));
    expect(v.validate({ apiVersion: 'example.io/v1', kind: 'Thing', metadata: { name: 't', labels: { a: 'b' } }, spec: { size: 1 } }, strict)).toEqual([]);
  });

  it('does not make embedded resources or anyOf/oneOf branches strict; nullable fields take null', () => {
    const v = crdValidator(
      type({
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: {
              a: { type: 'string' },
              b: { type: 'string', nullable: true },
              template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
            },
            anyOf: [{ required: ['a'] }, { properties: { b: { type: 'string' } }, required: ['b'] }],
          },
        },
      }),
    );
    const spec = { a: 'x', b: null, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} } };
    expect(v.validate({ spec }, strict)).toEqual([]);
    // Only the second branch holds: were branches strict, its `properties: { b }` would refuse `template`.
    expect(v.validate({ spec: { b: 'y', template: spec.template } }, strict)).toEqual([]);
    expect(v.validate({ spec: { ...spec, c: 1 } }, strict)).toEqual([
      {
        rule: 'unknown field',
        pointer: '/spec/c',
        expected: 'no unknown field',
        value: 1,
        message: 'unknown field c: the schema does not declare it, so the API server rejects or silently drops it',
      },
    ]);
    expect(v.validate({ spec: { ...spec, c: 1 } }, { strict: false })).toEqual([]);
  });

  it('a schema Ajv cannot compile is one problem naming the CRD, not a crash', () => {
    const v = crdValidator(type({ type: 'object', properties: { spec: { type: 'nonsense' } } }));
    expect(v.validate({ spec: {} }, strict)).toEqual([
      {
        rule: 'other',
        pointer: '',
        expected: 'a schema Ajv can compile',
        value: expect.stringContaining('type'),
        message: 'the schema of CRD things.example.io (test) cannot be compiled',
      },
    ]);
  });
});
