// A literal Kustomize sibling that still holds a Helm expression passes through kustomize
// verbatim and ships `{{ .Values.x }}` as an env value; a values string that was never run
// through `tpl` does the same in a Helm render. Any `{{`/`}}` left in output is a violation.
import type { AllowedResidue } from '../config/types.js';
import type { Manifest } from '../manifests/types.js';
import type { RenderedRelease } from '../model/release.js';
import { foreignTemplateAt, isHelmExpression } from './foreign-templates.js';
import type { Contract, Violation, World } from './types.js';
import { REDACTED } from '../manifests/redact.js';
import { nothingToCheck, quote, violation } from './violation.js';
import { isObj, kindName, subjectFacts, subjectRelease } from './workloads.js';

const ID = 'template-residue' as const;
/**
 * An opening `{{`, or a closing `}}` written the way templates close (` }}` or `-}}`).
 * A bare `}}` is how nested JSON objects end (`kubectl patch -p '{"data":{"k":"v"}}'`), not residue.
 */
const BRACES = /\{\{|[\s-]\}\}/;

export interface Residue {
  /** Field path, e.g. `spec.template.spec.containers[api].env[LOG_LEVEL].value`. */
  path: string;
  /** The string holding the braces. */
  value: string;
}

/**
 * Every string (value or map key) holding `{{` or `}}`, with its path. Lists whose items
 * all carry a unique `name` (containers, env, ports) are addressed `[name]`, as elsewhere.
 */
export function findResidue(value: unknown, path = ''): Residue[] {
  const out: Residue[] = [];
  const walk = (v: unknown, at: string): void => {
    if (typeof v === 'string') {
      if (BRACES.test(v)) out.push({ path: at, value: v });
    } else if (Array.isArray(v)) {
      const names = v.map((x) => (isObj(x) && typeof x.name === 'string' ? x.name : undefined));
      const byName = names.every((n) => n !== undefined) && new Set(names).size === names.length;
      v.forEach((x, i) => walk(x, `${at}[${byName ? names[i]! : i}]`));
    } else if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        const childAt = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? (at ? `${at}.${k}` : k) : `${at}[${k}]`;
        if (BRACES.test(k)) out.push({ path: childAt, value: k });
        walk(x, childAt);
      }
    }
  };
  walk(value, path);
  return out;
}

/** Secret data is base64: decode it so a residue there is found too (its value is never shown). */
function secretStrings(m: Manifest): Record<string, unknown> {
  const o = m.object;
  if (m.kind !== 'Secret' || !isObj(o.data)) return o;
  const data = Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : v]));
  return { ...o, data };
}

function allowed(rules: readonly AllowedResidue[], m: Manifest, path: string): boolean {
  return rules.some(
    (r) => r.resource === kindName(m) && (r.path === undefined || path === r.path || path.startsWith(`${r.path}.`) || path.startsWith(`${r.path}[`)),
  );
}

/** A short excerpt around the first brace pair, one line. */
function excerpt(s: string): string {
  const i = s.search(BRACES);
  const start = Math.max(0, i - 20);
  const text = s.slice(start, i + 60).replace(/\s+/g, ' ');
  return quote(`${start > 0 ? '…' : ''}${text}${i + 60 < s.length ? '…' : ''}`);
}

function check(world: World, release: RenderedRelease, rules: readonly AllowedResidue[]): Violation[] {
  const out: Violation[] = [];
  const kustomize = release.renderer === 'kustomize';
  for (const m of release.manifests) {
    const secret = m.kind === 'Secret';
    for (const r of findResidue(secretStrings(m))) {
      if (allowed(rules, m, r.path)) continue;
      // Another engine's braces, unless they hold what only Helm defines.
      if (foreignTemplateAt(m, r.path) && !isHelmExpression(r.value)) continue;
      out.push(
        violation(world, ID, {
          resource: m,
          renderer: release.renderer,
          path: r.path,
          message: kustomize
            ? `a Helm template expression was left in the kustomize output (${m.source}): the cluster receives it verbatim`
            : `the ${release.renderer} output still holds a template expression (${m.source}): a value rendered without tpl, or an escaped template`,
          expected: 'no {{ or }} in rendered output',
          actual: secret && /^(data|stringData)(\.|\[)/.test(r.path) ? REDACTED : excerpt(r.value),
        }),
      );
    }
  }
  return out;
}

export const templateResidue: Contract = {
  id: ID,
  summary: 'no Go template expression ({{ }}) is left in the helm output or in the kustomize render',
  appliesTo: () => true,
  check(world) {
    const subject = subjectRelease(world);
    const renders = [subject, world.kustomize].filter((r): r is RenderedRelease => r !== undefined);
    if (renders.every((r) => r.manifests.length === 0)) {
      return [nothingToCheck(world, ID, 'the render has no objects', { expected: 'rendered objects to scan', actual: 'none' })];
    }
    const rules = subjectFacts(world)?.config.templateResidueAllowed ?? [];
    return renders.flatMap((r) => check(world, r, rules));
  },
};
