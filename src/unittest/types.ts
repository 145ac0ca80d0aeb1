// The helm-unittest test-file model (suite → tests → asserts), as loaded from YAML, and
// what running it produces. Field meanings follow helm-unittest 1.1.0 (docs/unittest.md).

/** Where a key sits in its test file, for messages: `file:line`. */
export interface SourcePos {
  file: string;
  line: number;
}

export interface DocumentSelector {
  path: string;
  /** Absent: the path only has to exist. */
  value?: unknown;
  hasValue: boolean;
  matchMany: boolean;
  skipEmptyTemplates: boolean;
}

export interface ReleaseSpec {
  name?: string;
  namespace?: string;
  revision?: number;
  upgrade?: boolean;
}

export interface CapabilitiesSpec {
  majorVersion?: string;
  minorVersion?: string;
  /** undefined: key absent; null: explicitly emptied (`apiVersions:` with no value). */
  apiVersions?: string[] | null;
}

export interface ChartOverride {
  version?: string;
  appVersion?: string;
}

export interface AssertionSpec {
  /** YAML key, e.g. `equal`, `notContains`, `isNull`. */
  type: string;
  params: Record<string, unknown>;
  not: boolean;
  template?: string;
  documentIndex?: number;
  documentSelector?: DocumentSelector;
  /** 0-based position in the test's `asserts`. */
  index: number;
  pos: SourcePos;
}

export interface TestJob {
  it: string;
  values: string[];
  set: [string, unknown][];
  template?: string;
  templates?: string[];
  documentIndex?: number;
  documentSelector?: DocumentSelector;
  release: ReleaseSpec;
  capabilities: CapabilitiesSpec;
  chart: ChartOverride;
  skip?: string;
  asserts: AssertionSpec[];
  pos: SourcePos;
}

export interface TestSuite {
  /** Absolute path of the test file. */
  file: string;
  /** 0-based position of the suite in its file (several suites may share one file). */
  position: number;
  name: string;
  values: string[];
  set: [string, unknown][];
  templates: string[];
  excludeTemplates: string[];
  includeCrds: boolean;
  release: ReleaseSpec;
  capabilities: CapabilitiesSpec;
  chart: ChartOverride;
  skip?: string;
  snapshotId?: string;
  tests: TestJob[];
  pos: SourcePos;
}

/** One failed check inside an assertion, in the violation's terms. */
export interface AssertionFailure {
  /** Template key, e.g. `mychart/templates/deployment.yaml` (absent for render-level failures). */
  template?: string;
  /** Position among the selected documents of that template. */
  document?: number;
  path?: string;
  expected: string;
  actual: string;
  /** One line: what is wrong. */
  message: string;
}

export interface AssertionResult {
  assertion: AssertionSpec;
  passed: boolean;
  /** True when skipped (documentSelector.skipEmptyTemplates with nothing selected). */
  skipped?: boolean;
  failures: AssertionFailure[];
}

export interface TestResult {
  suite: string;
  test: string;
  file: string;
  renderer: string;
  passed: boolean;
  skipped?: string;
  /** Set when the test could not run (values file missing, bad set path, render error not tolerated). */
  error?: string;
  assertions: AssertionResult[];
}

export interface SnapshotCounts {
  created: number;
  failed: number;
  updated: number;
  vanished: number;
}
