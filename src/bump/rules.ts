// The chart lockstep rules (seed: "Chart lockstep (Inviolable Principle #14)"), as pure
// functions of the two sides' facts:
//  - a chart whose packaged files changed has a valid semver Chart.yaml version that is
//    strictly greater than at base (a chart new in head needs only a valid version);
//  - every bootstrap-kit HelmRelease of a changed chart pins exactly that version;
//  - charts of a lockstep group bump together when either bumps.
import semver from 'semver';
import { pinHolds } from '../render/flux.js';
import type { BumpViolation, ChangeReason, ChartSide, PinFact } from './types.js';

/** One chart of the head suite config with both sides' facts. */
export interface ChartState {
  id: string;
  name: string;
  /** Chart directory relative to the charts root (head's, else base's). */
  path: string;
  /** Empty when the chart did not change. */
  reasons: ChangeReason[];
  /** Changed files that count, relative to the chart directory. */
  files: string[];
  base: ChartSide;
  head: ChartSide;
  /** suite.yaml gives the chart a `release` fallback: the kit is not expected to install it. */
  releaseFallback: boolean;
}

export interface RuleOptions {
  lockstep: string[][];
  /** Bootstrap-kit folder relative to the charts root (for messages). */
  kitPath: string;
  /** Every changed chart must be pinned, `release` fallback or not. */
  strict: boolean;
}

/** A strictly valid semantic version: no leading `v`/`=`, no spaces. */
export function isSemver(v: string | undefined): v is string {
  return v !== undefined && /^\d/.test(v) && v.trim() === v && semver.valid(v) !== null;
}

/** Whether the chart's version went up (or it is new in head with a valid version). */
export function isBumped(c: ChartState): boolean {
  const head = c.head.version;
  if (!c.head.exists || !isSemver(head)) return false;
  if (!c.base.exists) return true;
  const base = c.base.version;
  if (!isSemver(base)) return head !== base;
  return semver.gt(head, base);
}

function chartYaml(c: Pick<ChartState, 'path'>): string {
  return `${c.path}/Chart.yaml`;
}

/** `a, b, c, … (+N more)` */
function listSome(items: string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}, … (+${items.length - max} more)`;
}

/** A finding about chart `c`, in its Chart.yaml unless `file` says otherwise. Keys in the JSON report's order. */
export function finding(c: Pick<ChartState, 'id' | 'path'>, f: Omit<BumpViolation, 'chart' | 'file'> & { file?: string }): BumpViolation {
  return { rule: f.rule, chart: c.id, file: f.file ?? chartYaml(c), expected: f.expected, actual: f.actual, message: f.message };
}

/** Whether the chart is reported for a change of its own, not only as a lockstep partner. */
export function changedItself(c: { reasons: readonly ChangeReason[] }): boolean {
  return c.reasons.some((r) => r !== 'lockstep');
}

/** Version rules for one changed chart. */
function versionRules(c: ChartState): BumpViolation[] {
  const file = chartYaml(c);
  const head = c.head.version;
  if (c.head.error !== undefined || head === undefined) {
    const why = c.head.error ?? 'has no version';
    return [finding(c, { rule: 'invalid-version', expected: 'a semver version', actual: why, message: `${c.id}: ${file} ${why}` })];
  }
  if (!isSemver(head)) {
    return [
      finding(c, {
        rule: 'invalid-version',
        expected: 'a semver version (MAJOR.MINOR.PATCH)',
        actual: head,
        message: `${c.id}: Chart.yaml version "${head}" is not valid semver (${file})`,
      }),
    ];
  }
  const base = c.base.version;
  if (!c.base.exists || !isSemver(base)) return [];
  if (semver.lt(head, base)) {
    return [
      finding(c, {
        rule: 'version-decreased',
        expected: `> ${base}`,
        actual: head,
        message: `${c.id}: Chart.yaml version went down from ${base} to ${head} (${file})`,
      }),
    ];
  }
  if (c.reasons.includes('files') && semver.eq(head, base)) {
    return [
      finding(c, {
        rule: 'not-bumped',
        expected: `> ${base}`,
        actual: head,
        message: `${c.id}: chart changed but Chart.yaml version is still ${head} (bump ${file}; changed: ${listSome(c.files)})`,
      }),
    ];
  }
  return [];
}

function pinLabel(p: PinFact): string {
  return `HelmRelease ${p.helmRelease}`;
}

/** Pin rules for one changed chart: every kit HelmRelease installing it pins exactly head's version. */
function pinRules(c: ChartState, opts: RuleOptions): BumpViolation[] {
  const head = c.head.version;
  if (!c.head.exists || !isSemver(head)) return []; // the version finding comes first
  if (c.head.pins.length === 0) {
    const was = c.base.pins[0];
    const expected = `a HelmRelease pinning ${c.name} ${head}`;
    if (was) {
      return [
        finding(c, {
          rule: 'pin-missing',
          file: was.file,
          expected,
          actual: 'none',
          message: `${c.id}: no bootstrap-kit HelmRelease installs chart ${c.name} any more (base: ${pinLabel(was)} in ${was.file} pinned ${was.version})`,
        }),
      ];
    }
    if (c.releaseFallback && !opts.strict) return [];
    return [
      finding(c, {
        rule: 'pin-missing',
        file: opts.kitPath,
        expected,
        actual: 'none',
        message: `${c.id}: no bootstrap-kit HelmRelease pins chart ${c.name} (expected one pinning ${head} in ${opts.kitPath})`,
      }),
    ];
  }
  const out: BumpViolation[] = [];
  for (const pin of c.head.pins) {
    if (pinHolds(pin, head)) continue;
    const base = c.base.version;
    if (pin.versionKind === 'unpinned') {
      const message = `${c.id}: ${pinLabel(pin)} is unpinned: Flux installs whatever its source holds, not necessarily ${head} (${pin.file})`;
      out.push(finding(c, { rule: 'pin-mismatch', file: pin.file, expected: head, actual: 'unpinned', message }));
      continue;
    }
    // A pin still at base's version missed the bump; any other version is one no Chart.yaml has.
    const missedBump = c.base.exists && base !== undefined && pin.version === base && head !== base;
    out.push(
      finding(c, {
        rule: missedBump ? 'pin-not-bumped' : 'pin-mismatch',
        file: pin.file,
        expected: head,
        actual: pin.version,
        message: missedBump
          ? `${c.id}: bumped ${base} -> ${head} but ${pinLabel(pin)} still pins ${pin.version} (${pin.file})`
          : `${c.id}: ${pinLabel(pin)} pins ${pin.version}, a version no Chart.yaml has (${chartYaml(c)} is ${head}; ${pin.file})`,
      }),
    );
  }
  return out;
}

/** Lockstep: when a member of a group bumps, every other member bumps too. Names the missing partner. */
function lockstepRules(all: ChartState[], opts: RuleOptions): BumpViolation[] {
  const out: BumpViolation[] = [];
  const byId = new Map(all.map((c) => [c.id, c]));
  for (const group of opts.lockstep) {
    const members = group.map((id) => byId.get(id)).filter((c): c is ChartState => c !== undefined && c.head.exists);
    const bumped = members.filter(isBumped);
    if (bumped.length === 0) continue;
    for (const partner of members) {
      if (bumped.includes(partner)) continue;
      const by = listSome(bumped.map((b) => `${b.id} ${b.base.exists ? `${b.base.version} -> ` : 'new at '}${b.head.version}`));
      const current = partner.head.version ?? '(no version)';
      out.push(
        finding(partner, {
          rule: 'lockstep',
          expected: `> ${partner.base.version ?? current}`,
          actual: current,
          message: `${partner.id}: lockstep partner of ${by} was not bumped (still ${current} in ${chartYaml(partner)})`,
        }),
      );
    }
  }
  return out;
}

/** Every version, pin and lockstep finding, in chart order then lockstep. */
export function checkBumpRules(all: ChartState[], opts: RuleOptions): BumpViolation[] {
  const changed = all.filter((c) => changedItself(c) && c.head.exists);
  return [...changed.flatMap((c) => [...versionRules(c), ...pinRules(c, opts)]), ...lockstepRules(all, opts)];
}

/** Charts a lockstep finding names that did not change themselves. */
export function lockstepPartners(violations: BumpViolation[]): string[] {
  return [...new Set(violations.filter((v) => v.rule === 'lockstep').map((v) => v.chart))];
}
