// A test's render inputs: suite and test values, set, release, capabilities and chart
// overrides merged the way helm-unittest merges them (reference §2, §3.2).
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { HelmRendererId, Values } from '../model/release.js';
import type { UnitRenderRequest } from './render.js';
import { setPathObject, SetPathError } from './set-path.js';
import type { TestJob, TestSuite } from './types.js';

export interface RunContext {
  chart: string;
  chartDir: string;
  renderer: HelmRendererId;
  timeoutMs: number;
}

/** helm-unittest's defaults: namespace NAMESPACE, Kubernetes 1.20 (per test: no leak between tests). */
export const DEFAULT_NAMESPACE = 'NAMESPACE';
export const DEFAULT_KUBE = { major: '1', minor: '20' };

export async function renderRequestOf(ctx: RunContext, suite: TestSuite, test: TestJob): Promise<UnitRenderRequest> {
  const valuesFiles = [...suite.values, ...test.values];
  for (const f of valuesFiles) {
    if (
      !(await access(f).then(
        () => true,
        () => false,
      ))
    )
      throw new Error(`values file ${path.relative(path.dirname(suite.file), f)} not found (relative to ${path.dirname(suite.file)})`);
  }
  const values: Values[] = [];
  for (const [p, v] of [...suite.set, ...test.set]) {
    try {
      values.push(setPathObject(p, v));
    } catch (err) {
      if (err instanceof SetPathError) throw new Error(`set ${p}: ${err.message}`, { cause: err });
      throw err;
    }
  }
  const caps = test.capabilities;
  const major = caps.majorVersion ?? suite.capabilities.majorVersion ?? DEFAULT_KUBE.major;
  const minor = (caps.minorVersion ?? suite.capabilities.minorVersion ?? DEFAULT_KUBE.minor).replace(/\+$/, '');
  const suiteApis = suite.capabilities.apiVersions ?? [];
  const apiVersions = caps.apiVersions === undefined ? suiteApis : caps.apiVersions === null ? [] : [...caps.apiVersions, ...suiteApis];
  const revision = test.release.revision || suite.release.revision;
  return {
    chartDir: ctx.chartDir,
    renderer: ctx.renderer,
    chart: ctx.chart,
    valuesFiles,
    values,
    releaseName: test.release.name || suite.release.name || undefined,
    namespace: test.release.namespace || suite.release.namespace || DEFAULT_NAMESPACE,
    upgrade: test.release.upgrade === true || suite.release.upgrade === true,
    ...(revision ? { revision } : {}),
    kubeVersion: `${major}.${minor}.0`,
    apiVersions: [...new Set(apiVersions)],
    ...(test.chart.version || suite.chart.version ? { chartVersion: test.chart.version || suite.chart.version } : {}),
    ...(test.chart.appVersion || suite.chart.appVersion ? { appVersion: test.chart.appVersion || suite.chart.appVersion } : {}),
    includeCrds: suite.includeCrds,
    timeoutMs: ctx.timeoutMs,
  };
}
