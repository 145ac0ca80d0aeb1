// Which suite.yaml and which charts root a run uses, and how to say so in one line.
import path from 'node:path';
import { projectRoot } from '../paths.js';
import { isFile } from './files.js';
import type { ConfigSource, SuiteConfig } from './types.js';

/** The bundled charts root: <project>/charts-under-test. */
export const DEFAULT_CHARTS_ROOT = path.join(projectRoot(), 'charts-under-test');
export const DEFAULT_CONFIG_NAME = 'suite.yaml';
export const BUNDLED_CONFIG = path.join(DEFAULT_CHARTS_ROOT, DEFAULT_CONFIG_NAME);

export interface LoadSuiteConfigOptions {
  /** Charts root; else CHARTS_ROOT, else the folder of SUITE_CONFIG, else charts-under-test. */
  root?: string;
  /** Config file; else SUITE_CONFIG (relative to cwd; ignored when `root` is given), else `<root>/suite.yaml`, else the bundled one. */
  configFile?: string;
}

/** Where the config and the root are, and how they were found. */
export interface ConfigLocation {
  root: string;
  file: string;
  source: ConfigSource;
}

/**
 * The lookup order for the config file: an explicit file (option, else SUITE_CONFIG),
 * else `<root>/suite.yaml`, else the bundled `charts-under-test/suite.yaml` with its paths
 * resolved against the root, so a repository the user cannot add files to still runs.
 * A caller that names a root means that root's config: SUITE_CONFIG is then not read.
 */
export async function locateSuiteConfig(opts: LoadSuiteConfigOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<ConfigLocation> {
  const envFile = opts.root === undefined ? nonEmpty(env.SUITE_CONFIG) : undefined;
  const explicitFile = opts.configFile ?? envFile;
  const envRoot = nonEmpty(env.CHARTS_ROOT);
  const [root, rootFrom]: [string, ConfigSource['root']] =
    opts.root !== undefined
      ? [opts.root, 'option']
      : envRoot !== undefined
        ? [envRoot, 'CHARTS_ROOT']
        : explicitFile !== undefined
          ? [path.dirname(path.resolve(explicitFile)), 'config folder']
          : [DEFAULT_CHARTS_ROOT, 'bundled'];
  const absRoot = path.resolve(root);
  if (explicitFile !== undefined) {
    return { root: absRoot, file: path.resolve(explicitFile), source: { config: opts.configFile !== undefined ? 'option' : 'SUITE_CONFIG', root: rootFrom } };
  }
  const own = path.join(absRoot, DEFAULT_CONFIG_NAME);
  if (rootFrom === 'bundled' || (await isFile(own))) {
    return { root: absRoot, file: own, source: { config: rootFrom === 'bundled' ? 'bundled' : 'charts root', root: rootFrom } };
  }
  return { root: absRoot, file: BUNDLED_CONFIG, source: { config: 'bundled', root: rootFrom } };
}

/** Where the charts root came from, in words (the missing-root error says `the default` for `bundled`). */
export const ROOT_WHY: Record<ConfigSource['root'], string> = {
  option: 'given',
  CHARTS_ROOT: 'from CHARTS_ROOT',
  'config folder': 'the folder of SUITE_CONFIG',
  bundled: 'bundled',
};

/** One line naming the config file and root in use, and why those. */
export function describeConfigSource(config: Pick<SuiteConfig, 'root' | 'file' | 'source'>): string {
  const why: Record<ConfigSource['config'], string> = {
    option: 'given',
    SUITE_CONFIG: 'from SUITE_CONFIG',
    'charts root': "the charts root's own",
    bundled: config.source.root === 'bundled' ? 'bundled' : `bundled; no ${DEFAULT_CONFIG_NAME} in the charts root and no SUITE_CONFIG`,
  };
  return `suite config ${config.file} (${why[config.source.config]}); charts root ${config.root} (${ROOT_WHY[config.source.root]})`;
}

/**
 * The config file as messages name it: relative to the root when inside it. The bundled
 * config used for another root says so in every message: its paths are ours.
 */
export function configLabel({ root, file, source }: ConfigLocation): string {
  if (source.config === 'bundled' && source.root !== 'bundled') return `${file} (bundled config, paths resolved against ${root})`;
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
