// HelmRelease → the Helm release helm-controller installs: its name and namespace, and the
// chart and version pin, from spec.chart.spec or from the source spec.chartRef names.
import { createHash } from 'node:crypto';
import semver from 'semver';
import { ConfigError } from '../../errors.js';
import type { K8sObject } from '../../manifests/types.js';
import { isMap } from '../../manifests/yaml.js';
import type { FluxHelmRelease, VersionKind } from '../flux-types.js';
import type { Values } from '../../model/release.js';

/** Finds an object of the kit by kind, namespace and name. */
export type ObjectLookup = (kind: string, namespace: string, name: string) => K8sObject | undefined;

/** What a HelmRelease installs: the chart, how its version is pinned, and where it comes from. */
export type ChartPin = Pick<FluxHelmRelease, 'chart' | 'version' | 'versionKind' | 'versionField' | 'chartSource'>;

/** Helm's limit on release names; helm-controller shortens longer composed names. */
const MAX_RELEASE_NAME = 53;

/**
 * The Helm release Flux installs for a HelmRelease object:
 * name = spec.releaseName, else [spec.targetNamespace-]metadata.name, shortened as
 * helm-controller's ShortenName does past 53 characters (40 + `-` + 12 hex of its sha256);
 * namespace = spec.targetNamespace, else metadata.namespace, else `default`.
 */
export function deriveRelease(obj: K8sObject): { releaseName: string; releaseNamespace: string } {
  const spec = isMap(obj.spec) ? obj.spec : {};
  const name = obj.metadata?.name ?? '';
  const releaseName = nonEmptyString(spec.releaseName);
  const targetNamespace = nonEmptyString(spec.targetNamespace);
  return {
    releaseName: shortenName(releaseName ?? (targetNamespace ? `${targetNamespace}-${name}` : name)),
    releaseNamespace: targetNamespace ?? nonEmptyString(obj.metadata?.namespace) ?? 'default',
  };
}

export function shortenName(name: string): string {
  if (name.length <= MAX_RELEASE_NAME) return name;
  return `${name.slice(0, 40)}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/**
 * The single-folder kit's HelmRelease: spec.chart.spec. `versions: 'pinned'` (the function's
 * original contract) makes a missing version a ConfigError; `'classified'` (how the suite reads
 * the kit) marks each pin exact, range or unpinned and leaves the verdict to version-lockstep.
 */
export function toHelmRelease(obj: K8sObject, file: string, where: string, namespace: string, versions: 'pinned' | 'classified' = 'pinned'): FluxHelmRelease {
  const name = obj.metadata!.name!;
  const label = `HelmRelease ${namespace}/${name}`;
  const spec = isMap(obj.spec) ? obj.spec : {};
  const chartSpec = isMap(spec.chart) && isMap(spec.chart.spec) ? spec.chart.spec : {};
  const chart = chartSpec.chart;
  if (typeof chart !== 'string' || !chart) {
    throw new ConfigError(`${where}: ${label} has no spec.chart.spec.chart`);
  }
  const release = { file, name, namespace, ...deriveRelease(obj), chart };
  if (versions === 'classified') {
    const sourceRef = isMap(chartSpec.sourceRef) ? chartSpec.sourceRef : {};
    const pin = chartFromSpec(chart, chartSpec.version, sourceRef.kind, where, label, 'spec.chart.spec.version');
    const chartSource = `${String(sourceRef.kind ?? 'HelmRepository')} ${String(sourceRef.namespace ?? namespace)}/${String(sourceRef.name ?? '')}`;
    return { ...release, ...pin, chart, chartSource, values: valuesOf(obj, where, label) };
  }
  const version = chartSpec.version;
  if (version === undefined || version === null || version === '') {
    throw new ConfigError(`${where}: ${label} has no spec.chart.spec.version (the kit must pin the chart version)`);
  }
  return { ...release, version: versionString(version, where, label, 'spec.chart.spec.version'), values: valuesOf(obj, where, label) };
}

/** spec.values of a HelmRelease, a mapping. */
export function valuesOf(obj: K8sObject, where: string, label: string): Values {
  const spec = isMap(obj.spec) ? obj.spec : {};
  const values = spec.values ?? {};
  if (!isMap(values)) throw new ConfigError(`${where}: ${label} spec.values must be a mapping`);
  return values;
}

/**
 * The chart of a HelmRelease in a cluster kit: spec.chart.spec (chart name, version as written,
 * the source kind), or spec.chartRef to an OCIRepository (chart = last segment of its URL,
 * version from spec.ref: digest, else semver, else tag, default `latest`) or a HelmChart.
 */
export function chartPinOf(obj: K8sObject, namespace: string, where: string, lookup: ObjectLookup): ChartPin {
  const label = `HelmRelease ${namespace}/${obj.metadata?.name ?? ''}`;
  const spec = isMap(obj.spec) ? obj.spec : {};
  if (isMap(spec.chartRef)) return chartRefPin(spec.chartRef, namespace, where, label, lookup);
  const chartSpec = isMap(spec.chart) && isMap(spec.chart.spec) ? spec.chart.spec : undefined;
  if (!chartSpec) throw new ConfigError(`${where}: ${label} has neither spec.chart.spec nor spec.chartRef`);
  const chart = nonEmptyString(chartSpec.chart);
  if (!chart) throw new ConfigError(`${where}: ${label} has no spec.chart.spec.chart`);
  const source = isMap(chartSpec.sourceRef) ? chartSpec.sourceRef : {};
  const chartSource = `${String(source.kind ?? 'HelmRepository')} ${String(source.namespace ?? namespace)}/${String(source.name ?? '')}`;
  return { ...chartFromSpec(chart, chartSpec.version, source.kind, where, label, 'spec.chart.spec.version'), chartSource };
}

function chartRefPin(ref: Record<string, unknown>, namespace: string, where: string, label: string, lookup: ObjectLookup): ChartPin {
  const kind = String(ref.kind ?? '');
  const ns = nonEmptyString(ref.namespace) ?? namespace;
  const refName = String(ref.name ?? '');
  const chartSource = `${kind} ${ns}/${refName}`;
  const source = lookup(kind, ns, refName);
  const sourceSpec = source && isMap(source.spec) ? source.spec : undefined;
  if (!sourceSpec) return { chart: '', version: '', versionKind: 'unpinned', versionField: `spec.chartRef (${chartSource} is not in the kit)`, chartSource };
  if (kind === 'HelmChart') {
    const chart = nonEmptyString(sourceSpec.chart) ?? '';
    const sourceKind = isMap(sourceSpec.sourceRef) ? sourceSpec.sourceRef.kind : undefined;
    return { ...chartFromSpec(chart, sourceSpec.version, sourceKind, where, label, `${chartSource} spec.version`), chartSource };
  }
  // OCIRepository (ExternalArtifact and others name no chart or version offline).
  const url = nonEmptyString(sourceSpec.url) ?? '';
  const chart = url.replace(/\/+$/, '').split('/').pop()?.split(':')[0] ?? '';
  const r = isMap(sourceSpec.ref) ? sourceSpec.ref : {};
  const field = (k: string) => `${chartSource} spec.ref.${k}`;
  if (nonEmptyString(r.digest)) return { chart, version: String(r.digest), versionKind: 'digest', versionField: field('digest'), chartSource };
  if (r.semver !== undefined)
    return { chart, version: versionString(r.semver, where, label, field('semver')), versionKind: 'range', versionField: field('semver'), chartSource };
  const tag = r.tag === undefined ? 'latest' : versionString(r.tag, where, label, field('tag'));
  return { chart, version: tag === 'latest' ? '' : tag, versionKind: tag === 'latest' ? 'unpinned' : 'exact', versionField: field('tag'), chartSource };
}

function chartFromSpec(chart: string, version: unknown, sourceKind: unknown, where: string, label: string, field: string): Omit<ChartPin, 'chartSource'> {
  // From Git or a Bucket the chart is a path and its version is the Chart.yaml there.
  if (sourceKind === 'GitRepository' || sourceKind === 'Bucket') {
    return { chart: chart.replace(/\/+$/, '').split('/').pop() ?? chart, version: '', versionKind: 'source', versionField: field };
  }
  if (version === undefined || version === null || version === '') return { chart, version: '', versionKind: 'unpinned', versionField: field };
  const v = versionString(version, where, label, field);
  return { chart, version: v, versionKind: versionKindOf(v), versionField: field };
}

/** `exact` for a version (or any string that is no semver range), `range` for a constraint. */
export function versionKindOf(version: string): VersionKind {
  if (semver.valid(version)) return 'exact';
  return semver.validRange(semverRange(version)) ? 'range' : 'exact';
}

/** Flux's (Masterminds) constraint syntax in node-semver's: `,` joins constraints with AND. */
export function semverRange(version: string): string {
  return version.replace(/\s*,\s*/g, ' ');
}

function versionString(version: unknown, where: string, label: string, field: string): string {
  // `version: 1.10` is the number 1.1 to YAML; Flux's CRD schema would reject it too.
  if (typeof version !== 'string') throw new ConfigError(`${where}: ${label} ${field} must be a string, got ${typeof version} (quote it)`);
  return version;
}

export function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Whether a pin lets Flux install `chartVersion`: an exact pin equal to it (build metadata
 * aside), a range it satisfies, a digest or a Git/Bucket source (their own Chart.yaml).
 */
export function pinHolds(pin: Pick<FluxHelmRelease, 'version' | 'versionKind'>, chartVersion: string): boolean {
  switch (pin.versionKind) {
    case 'digest':
    case 'source':
      return true;
    case 'unpinned':
      return false;
    case 'range':
      return semver.valid(chartVersion) !== null && semver.satisfies(chartVersion, semverRange(pin.version));
    default:
      return pin.version === chartVersion;
  }
}
