// Built-in validators (src/schema/kubernetes.ts): unknown fields found through proxies the
// first time a field pattern is seen, and through the learnt field shapes afterwards.
import { describe, expect, it } from 'vitest';
import { loadKubernetesValidator } from '../../src/schema/kubernetes.js';

describe('kubernetes-models validators, strict', () => {
  it('unknown fields read the same from the proxies (a field pattern seen first) and from the learnt shapes (seen again)', async () => {
    const v = (await loadKubernetesValidator('v1', 'Service'))!;
    const svc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', labels: { a: 'b' } }, spec });
    const typo = svc({ ports: [{ port: 80, targetport: 8080 }], selector: { app: 'x' } });
    const problem = (pointer: string, value: number) => ({
      rule: 'unknown field',
      pointer,
      expected: 'no unknown field',
      value,
      message: expect.stringMatching(/^unknown field /),
    });
    expect(v.validate(typo, { strict: true })).toEqual([problem('/spec/ports/0/targetport', 8080)]);
    expect(v.validate(typo, { strict: true })).toEqual([problem('/spec/ports/0/targetport', 8080)]);
    // A pattern the first objects never had (sessionAffinityConfig) is traced again, then learnt.
    const deeper = svc({ ports: [{ port: 80 }], sessionAffinityConfig: { clientIP: { timeoutSecond: 10 } } });
    expect(v.validate(deeper, { strict: true })).toEqual([problem('/spec/sessionAffinityConfig/clientIP/timeoutSecond', 10)]);
    expect(v.validate(deeper, { strict: true })).toEqual([problem('/spec/sessionAffinityConfig/clientIP/timeoutSecond', 10)]);
  });
});
