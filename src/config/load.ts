// Loads the suite config (charts-under-test/suite.yaml): locate it (locate.ts), parse it
// keeping positions (document.ts), validate it against suite.schema.json and fill its
// defaults (schema.ts), check what a schema cannot say (semantics.ts) and that the paths
// it names exist (files.ts). Every mistake is one SuiteConfigError: `<file>:<line>: <key
// path> <what is wrong>` (the YAML syntax errors' style), with line and column in `location`.
import { ConfigError } from '../errors.js';
import { fileAtLine } from '../manifests/yaml.js';
import { positionOf, readConfigDocument } from './document.js';
import type { ConfigDocument } from './document.js';
import { checkPaths, isDirectory } from './files.js';
import { ConfigIssue, formatPath, SuiteConfigError } from './issue.js';
import { configLabel, locateSuiteConfig, ROOT_WHY } from './locate.js';
import type { LoadSuiteConfigOptions } from './locate.js';
import { SUITE_SCHEMA } from './schema-node.js';
import { validateSuiteFile } from './schema.js';
import { checkSemantics } from './semantics.js';
import type { SuiteConfig } from './types.js';

export { BUNDLED_CONFIG, DEFAULT_CHARTS_ROOT, DEFAULT_CONFIG_NAME, describeConfigSource, locateSuiteConfig } from './locate.js';
export type { ConfigLocation, LoadSuiteConfigOptions } from './locate.js';
export { isDirectory, isFile, resolvePath } from './files.js';

/**
 * Load, validate and default the suite config (lookup: see locateSuiteConfig).
 * Throws ConfigError for every user mistake.
 */
export async function loadSuiteConfig(opts: LoadSuiteConfigOptions = {}): Promise<SuiteConfig> {
  const location = await locateSuiteConfig(opts);
  const { root, file, source } = location;
  if (!(await isDirectory(root))) {
    // Name where the root came from, so the user fixes the right thing.
    const from = source.root === 'bundled' ? 'the default' : ROOT_WHY[source.root];
    throw new ConfigError(`charts root ${root} (${from}): no such directory; point --root or CHARTS_ROOT at the folder holding suite.yaml`);
  }
  const label = configLabel(location);
  const parsed = await readConfigDocument(file, label);
  refuseForeignFile(parsed.data, label);
  try {
    const checked = validateSuiteFile(parsed.data);
    checkSemantics(checked);
    const config: SuiteConfig = { root, file, source, ...checked };
    await checkPaths(config);
    return config;
  } catch (err) {
    if (err instanceof ConfigIssue) throw located(err, label, parsed);
    throw err;
  }
}

/**
 * A map none of whose keys is a suite key is some other file (`--config /etc/shadow`): it is
 * named, never quoted, so a message cannot echo a line of it.
 */
function refuseForeignFile(data: unknown, label: string): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  const keys = Object.keys(data);
  const known = Object.keys(SUITE_SCHEMA.properties as object);
  if (keys.length > 0 && !keys.some((k) => known.includes(k))) {
    throw new ConfigError(`${label}: not a suite config: none of its keys is a suite key (charts, defaults, bootstrapKit…); its content is not shown`);
  }
}

/** The issue as the user reads it, with the line of the YAML node it is about. */
function located(issue: ConfigIssue, label: string, parsed: ConfigDocument): SuiteConfigError {
  const pos = positionOf(parsed, issue.path, issue.atKey);
  return new SuiteConfigError(`${fileAtLine(label, pos?.line)}: ${issue.message}`, {
    file: label,
    keyPath: formatPath(issue.path),
    line: pos?.line,
    column: pos?.column,
  });
}
