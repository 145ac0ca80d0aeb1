// The render key hashes what helm loads: a file the chart's .helmignore hides cannot change
// the output (shown with the real helm), so editing it keeps the key; anything else changes it.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartDigest, hashChart } from '../../src/render/chart-digest.js';
import { hashTree } from '../../src/render/cache.js';
import { helmTemplate } from '../../src/render/helm.js';
import { resolveTools, type Tools } from '../../src/tools/resolve.js';
import { helmRequest } from '../support/fixture-charts.js';

let work: string;
let tools: Tools;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'hct-chart-digest-'));
  tools = await resolveTools();
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A chart whose ConfigMap shows what helm reads of tests/suite.yaml through .Files. */
async function chart(name: string, helmignore: string | undefined): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(path.join(dir, 'templates'), { recursive: true });
  await mkdir(path.join(dir, 'tests'), { recursive: true });
  await writeFile(path.join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  await writeFile(
    path.join(dir, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: seen\ndata:\n  tests: {{ .Files.Get "tests/suite.yaml" | quote }}\n',
  );
  await writeFile(path.join(dir, 'tests', 'suite.yaml'), 'suite: one\n');
  if (helmignore !== undefined) await writeFile(path.join(dir, '.helmignore'), helmignore);
  return dir;
}

const seenByHelm = async (dir: string) => {
  const r = await helmTemplate(helmRequest(dir, { chart: path.basename(dir) }), tools);
  return r.manifests.find((m) => m.name === 'seen')?.object.data;
};

describe('chartDigest', () => {
  it('a file under an ignored folder is invisible to helm, and editing it keeps the key', async () => {
    const dir = await chart('ignored', '# packaging\ntests/\n');
    expect(await seenByHelm(dir)).toEqual({ tests: '' });
    const before = await hashChart(dir);
    await writeFile(path.join(dir, 'tests', 'suite.yaml'), 'suite: two\n');
    expect(await hashChart(dir)).toBe(before);
    // The plain tree hash, used for kustomize folders, still sees it.
    expect(await hashTree(dir)).not.toBe(before);
  });

  it('without the rule helm reads the file, so editing it changes the key', async () => {
    const dir = await chart('kept', '*.bak\n');
    expect(await seenByHelm(dir)).toEqual({ tests: 'suite: one\n' });
    const before = await hashChart(dir);
    await writeFile(path.join(dir, 'tests', 'suite.yaml'), 'suite: two\n');
    expect(await hashChart(dir)).not.toBe(before);
  });

  it('editing .helmignore itself, a template or an unignored file changes the key', async () => {
    const dir = await chart('edits', 'tests/\n');
    let last = await hashChart(dir);
    const changes: [string, string][] = [
      ['.helmignore', 'tests/\n*.bak\n'],
      ['templates/extra.yaml', '# a new template\n'],
      ['values.yaml', 'a: 1\n'],
    ];
    for (const [file, text] of changes) {
      await writeFile(path.join(dir, file), text);
      const now = await hashChart(dir);
      expect(now, file).not.toBe(last);
      last = now;
    }
  });

  it('a line helm treats unlike gitignore (`!`, `**`) hides nothing from the key', async () => {
    const dir = await chart('odd', '!tests/keep.yaml\n**/suite.yaml\n');
    const before = await hashChart(dir);
    await writeFile(path.join(dir, 'tests', 'suite.yaml'), 'suite: two\n');
    expect(await hashChart(dir)).not.toBe(before);
  });

  it("helm's own default: dot-files under templates/ never count", async () => {
    const dir = await chart('dotfiles', undefined);
    const before = await hashChart(dir);
    await writeFile(path.join(dir, 'templates', '.cm.yaml.swp'), 'editor state');
    expect(await hashChart(dir)).toBe(before);
    await writeFile(path.join(dir, 'templates', 'notes.txt'), 'shown');
    expect(await hashChart(dir)).not.toBe(before);
  });

  it('a link out of the chart under an ignored folder is not noted', async () => {
    const dir = await chart('links', 'tests/\n');
    await symlink(os.tmpdir(), path.join(dir, 'tests', 'outside'));
    expect((await chartDigest(dir)).outsideLinks).toEqual([]);
  });
});
