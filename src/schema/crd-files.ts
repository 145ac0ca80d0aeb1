// Reading CRDs from disk: a chart's crds/ folder (and its unpacked subcharts'), and the
// files or folders the suite config lists. Only CustomResourceDefinition documents count;
// anything else in those files is ignored.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { ConfigError } from '../errors.js';
import { yamlSyntaxError } from '../manifests/yaml.js';
import { isCrd } from './crd.js';
import type { CrdSource } from './registry.js';

const CRD_FILE = /\.(ya?ml|json)$/i;

async function kindOf(p: string): Promise<'file' | 'dir' | undefined> {
  const s = await stat(p).catch(() => undefined);
  return s?.isDirectory() ? 'dir' : s?.isFile() ? 'file' : undefined;
}

/** YAML/JSON files under `dir`, recursively, in name order. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const out: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile() && CRD_FILE.test(e.name)) out.push(p);
  }
  return out;
}

/** The CRDs of one file; `label` names it in messages (relative to the charts root). */
export async function readCrdFile(file: string, label: string): Promise<CrdSource[]> {
  const text = await readFile(file, 'utf8');
  const lineCounter = new LineCounter();
  const out: CrdSource[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false })) {
    const err = doc.errors[0];
    if (err) throw yamlSyntaxError(label, err, lineCounter);
    const object: unknown = doc.toJS();
    if (isCrd(object)) out.push({ object, where: label });
  }
  return out;
}

/** CRDs of a file or folder under `root`; `required` makes a missing path a config error. */
export async function readCrdPath(root: string, rel: string, required: boolean, at: string): Promise<CrdSource[]> {
  const abs = path.resolve(root, rel);
  const kind = await kindOf(abs);
  if (!kind) {
    if (required) throw new ConfigError(`${at}: ${rel} is not a file or folder under ${root}`);
    return [];
  }
  const files = kind === 'dir' ? await filesUnder(abs) : [abs];
  const label = (f: string) => path.relative(root, f).split(path.sep).join('/');
  return (await Promise.all(files.map((f) => readCrdFile(f, label(f))))).flat();
}

/** A chart's crds/ folder and those of its unpacked subcharts (charts/<name>/crds). */
export async function readChartCrds(root: string, chartPath: string): Promise<CrdSource[]> {
  const own = await readCrdPath(root, path.join(chartPath, 'crds'), false, '');
  const charts = path.join(root, chartPath, 'charts');
  const subs = (await kindOf(charts)) === 'dir' ? (await readdir(charts, { withFileTypes: true })).filter((e) => e.isDirectory()) : [];
  const nested = await Promise.all(subs.map((e) => readCrdPath(root, path.join(chartPath, 'charts', e.name, 'crds'), false, '')));
  return [...own, ...nested.flat()];
}
