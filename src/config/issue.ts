// One shape for every suite.yaml mistake, kubernetes-models style: a key path and what is
// wrong there. The schema validator and the semantic checks both produce it; load.ts turns
// it into a SuiteConfigError naming the file, and the line of the YAML node at that path.
import { ConfigError } from '../errors.js';

/** Keys and list indexes from the top of the file, e.g. `['charts', 0, 'matrix']`. */
export type ConfigPath = readonly (string | number)[];

/** A config mistake at a path; `reason` reads on from the path (`must be a string, got number`). */
export class ConfigIssue extends Error {
  readonly path: ConfigPath;
  readonly reason: string;
  /** The mistake is in the key itself (an unknown key, a bad axis name), not in its value. */
  readonly atKey: boolean;
  constructor(path: ConfigPath, reason: string, atKey = false) {
    super(`${formatPath(path)} ${reason}`);
    this.path = path;
    this.reason = reason;
    this.atKey = atKey;
  }
}

/** Where in the file a config error points: the label messages use, and the 1-based line/column. */
export interface ConfigErrorLocation {
  file: string;
  /** Key path as the message prints it (`charts[1].apiVersions`). */
  keyPath: string;
  line?: number;
  column?: number;
}

/** A suite.yaml mistake: `<file>:<line>: <key path> <reason>`; `location` holds the same parts apart. */
export class SuiteConfigError extends ConfigError {
  readonly location: ConfigErrorLocation;
  constructor(message: string, location: ConfigErrorLocation) {
    super(message);
    this.location = location;
  }
}

/** `a.b`, `a[0]`, `a["odd key"]`; the empty path is `top level`. */
export function formatPath(path: ConfigPath): string {
  if (path.length === 0) return 'top level';
  return path.reduce<string>((at, key) => child(at, key), '');
}

function child(at: string, key: string | number): string {
  if (typeof key === 'number') return `${at}[${key}]`;
  if (!/^[A-Za-z0-9_-]+$/.test(key)) return `${at}[${JSON.stringify(key)}]`;
  return at ? `${at}.${key}` : key;
}

/** Human name of a YAML value's type. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  return typeof v;
}
