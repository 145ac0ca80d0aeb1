// Custom vitest matchers for workloads and violations. Import this module from a spec
// to register them:  import '../../support/matchers.js';
import { expect } from 'vitest';
import { describeEnvSource, envMap, envSource, type EnvSource } from '../../src/contracts/env.js';
import type { Violation } from '../../src/contracts/types.js';
import { formatViolation } from '../../src/contracts/violation.js';
import { containersOf, podTemplateOf } from '../../src/contracts/workloads.js';
import { formatRef, refOf, type Manifest } from '../../src/manifests/types.js';

export interface KeyRefExpectation {
  name: string;
  key: string;
  /** Absent: not compared. An absent `optional` in the manifest counts as false. */
  optional?: boolean;
}

export interface EnvExpectation {
  value?: string;
  secretKeyRef?: KeyRefExpectation;
  configMapKeyRef?: KeyRefExpectation;
}

export interface EnvMatcherOptions {
  /** Only look in this container (or init container). */
  container?: string;
}

interface CustomMatchers<R = unknown> {
  /** The workload has env `name` (in some container, or in `opts.container`) matching `expected`. */
  toHaveEnv(name: string, expected?: EnvExpectation, opts?: EnvMatcherOptions): R;
  /** The workload's env `envName` is a secretKeyRef to exactly this name, key and optional flag. */
  toHaveSecretKeyRef(envName: string, ref: Required<KeyRefExpectation>, opts?: EnvMatcherOptions): R;
  /** The violation list is empty; the failure lists every violation as formatViolation prints it. */
  toHaveNoViolations(): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends CustomMatchers<T> {}
}

function isManifest(x: unknown): x is Manifest {
  return typeof x === 'object' && x !== null && 'kind' in x && 'name' in x && 'object' in x;
}

function describeExpectation(e: EnvExpectation | undefined): string {
  if (!e) return 'set';
  const parts: string[] = [];
  if (e.value !== undefined) parts.push(`value ${JSON.stringify(e.value)}`);
  for (const kind of ['secretKeyRef', 'configMapKeyRef'] as const) {
    const r = e[kind];
    if (r) parts.push(`${kind} ${r.name}/${r.key}${r.optional === undefined ? '' : ` optional=${r.optional}`}`);
  }
  return parts.length ? parts.join(' and ') : 'set';
}

function matches(src: EnvSource, e: EnvExpectation | undefined): boolean {
  if (!e) return true;
  if (e.value !== undefined && !(src.kind === 'value' && src.value === e.value)) return false;
  for (const kind of ['secretKeyRef', 'configMapKeyRef'] as const) {
    const r = e[kind];
    if (!r) continue;
    if (src.kind !== kind || src.name !== r.name || src.key !== r.key) return false;
    if (r.optional !== undefined && src.optional !== r.optional) return false;
  }
  return true;
}

function envCheck(received: unknown, name: string, expected: EnvExpectation | undefined, opts: EnvMatcherOptions = {}) {
  const want = describeExpectation(expected);
  if (!isManifest(received)) {
    return { pass: false, message: () => `expected a workload Manifest to have env ${name} ${want}, got ${JSON.stringify(received)?.slice(0, 200)}` };
  }
  const ref = formatRef(refOf(received));
  const template = podTemplateOf(received);
  if (!template) {
    return { pass: false, message: () => `expected ${ref} to have env ${name} ${want}, but ${received.kind} has no pod template` };
  }
  const all = containersOf(template);
  const containers = opts.container === undefined ? all : all.filter((c) => c.name === opts.container);
  if (containers.length === 0) {
    return {
      pass: false,
      message: () => `expected ${ref} ${template.prefix}.containers[${opts.container}] to exist (containers: ${all.map((c) => c.name).join(', ') || 'none'})`,
    };
  }
  const holders = containers
    .map((c) => ({ c, e: envMap(c.spec).get(name) }))
    .filter((h): h is { c: (typeof containers)[number]; e: Record<string, unknown> } => h.e !== undefined);
  if (holders.length === 0) {
    const path = containers.length === 1 ? `${containers[0].path}.env[${name}]` : `${template.prefix}.containers[*].env[${name}]`;
    return { pass: false, message: () => `expected ${ref} ${path} to be ${want}, but it is absent` };
  }
  const found = holders.map((h) => ({ path: `${h.c.path}.env[${name}]`, src: envSource(h.e) }));
  const hit = found.find((f) => matches(f.src, expected));
  if (hit) {
    return { pass: true, message: () => `expected ${ref} ${hit.path} not to be ${want}, but it is ${describeEnvSource(hit.src)}` };
  }
  return {
    pass: false,
    message: () => found.map((f) => `expected ${ref} ${f.path} to be ${want}, but it is ${describeEnvSource(f.src)}`).join('\n'),
  };
}

expect.extend({
  toHaveEnv(received: unknown, name: string, expected?: EnvExpectation, opts?: EnvMatcherOptions) {
    return envCheck(received, name, expected, opts);
  },
  toHaveSecretKeyRef(received: unknown, envName: string, ref: Required<KeyRefExpectation>, opts?: EnvMatcherOptions) {
    return envCheck(received, envName, { secretKeyRef: { name: ref.name, key: ref.key, optional: ref.optional === true } }, opts);
  },
  toHaveNoViolations(received: unknown) {
    if (!Array.isArray(received)) {
      return { pass: false, message: () => `expected a Violation[], got ${JSON.stringify(received)?.slice(0, 200)}` };
    }
    const vs = received as Violation[];
    return {
      pass: vs.length === 0,
      message: () =>
        vs.length === 0
          ? 'expected violations, but there are none'
          : `expected no violations, but there are ${vs.length}:\n${vs.map((v) => `  ${formatViolation(v)}`).join('\n')}`,
    };
  },
});
