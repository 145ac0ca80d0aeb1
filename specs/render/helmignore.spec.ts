// .helmignore matching as helm loads a chart dir (pkg/ignore), and which changed files
// make a chart "changed" (kustomizeDir files always count).
import { describe, expect, it } from 'vitest';
import { classifyChanges } from '../../src/bump/changes.js';
import { globToRegExp, helmIgnoredBy, isHelmIgnored, parseHelmIgnore } from '../../src/render/helmignore.js';

const NEWAPI_IGNORE = [
  '# Patterns to ignore when packaging the chart.',
  '.DS_Store',
  '.git/',
  '.gitignore',
  '*.swp',
  '*.bak',
  '*.tmp',
  '*.orig',
  '*~',
  '.vscode/',
  '.idea/',
].join('\n');
const CATALYST_IGNORE = `${NEWAPI_IGNORE}\n# Dual-mode\ntemplates/kustomization.yaml\ntemplates/*-kustomize.yaml\n`;

describe('globToRegExp (Go filepath.Match)', () => {
  it.each([
    ['*.bak', 'values.bak', true],
    ['*.bak', 'values.bak.yaml', false],
    ['?.txt', 'a.txt', true],
    ['?.txt', 'ab.txt', false],
    ['[a-c].yaml', 'b.yaml', true],
    ['[a-c].yaml', 'd.yaml', false],
    ['[^a].yaml', 'b.yaml', true],
    ['[^a].yaml', 'a.yaml', false],
    ['\\*.yaml', '*.yaml', true],
    ['\\*.yaml', 'x.yaml', false],
    ['templates/*-kustomize.yaml', 'templates/api-kustomize.yaml', true],
    ['templates/*-kustomize.yaml', 'templates/sub/api-kustomize.yaml', false],
    ['a.b', 'aXb', false],
  ])('%s vs %s → %s', (glob, subject, matches) => {
    expect(globToRegExp(glob)!.test(subject)).toBe(matches);
  });

  it.each(['[', '[]', '[a-]', 'x\\', '[-a]'])('bad pattern %s is rejected like Go (ErrBadPattern)', (glob) => {
    expect(globToRegExp(glob)).toBeUndefined();
  });
});

describe('parseHelmIgnore / isHelmIgnored', () => {
  const newapi = parseHelmIgnore(NEWAPI_IGNORE);
  const catalyst = parseHelmIgnore(CATALYST_IGNORE);

  it.each([
    ['values.yaml.orig', true, '*.orig: basename glob'],
    ['templates/deployment.yaml.bak', true, 'basename glob below the top'],
    ['.vscode/settings.json', true, 'dir rule hides everything below'],
    ['templates/.vscode/x.json', true, 'dir rule without slash matches a dir basename anywhere'],
    ['.git/HEAD', true, '.git/'],
    ['templates/.hidden.yaml', true, 'helm default rule templates/.?*'],
    ['.gitignore', true, 'plain name'],
    ['templates/deployment.yaml', false, 'ordinary template'],
    ['values.yaml', false, 'values'],
    ['Chart.yaml', false, 'Chart.yaml'],
    ['templates/x~', true, '*~'],
  ])('bp-newapi: %s → %s (%s)', (rel, ignored) => {
    expect(isHelmIgnored(newapi, rel)).toBe(ignored);
  });

  it.each([
    ['templates/kustomization.yaml', true],
    ['templates/api-deployment-kustomize.yaml', true],
    ['templates/api-deployment.yaml', false],
    ['kustomization.yaml', false],
  ])('bp-catalyst-platform: %s → %s (slash rules match the whole relative path)', (rel, ignored) => {
    expect(isHelmIgnored(catalyst, rel)).toBe(ignored);
  });

  it('a trailing-slash rule matches directories only, not a file of that name', () => {
    const ig = parseHelmIgnore('ci/\n');
    expect(isHelmIgnored(ig, 'ci')).toBe(false);
    expect(isHelmIgnored(ig, 'ci/values.yaml')).toBe(true);
  });

  it('a leading slash anchors the rule at the chart root', () => {
    const ig = parseHelmIgnore('/notes.txt\n');
    expect(isHelmIgnored(ig, 'notes.txt')).toBe(true);
    expect(isHelmIgnored(ig, 'templates/notes.txt')).toBe(false);
  });

  it('names the rule that hides a file, with its line', () => {
    expect(helmIgnoredBy(newapi, '.vscode/settings.json')).toMatchObject({ raw: '.vscode/', line: 10 });
    expect(helmIgnoredBy(newapi, 'templates/.x')).toMatchObject({ raw: 'templates/.?*', line: 0 });
  });

  it('negation, ** and bad globs are skipped with a warning (helm breaks on them)', () => {
    const ig = parseHelmIgnore('*.bak\n!keep.bak\n**/tmp\n[oops\n', 'platform/newapi/chart/.helmignore');
    expect(ig.warnings).toEqual([
      'platform/newapi/chart/.helmignore:2: "!keep.bak" is a negation, which helm does not support like gitignore (it ignores every file the pattern does not match); line skipped for change detection',
      'platform/newapi/chart/.helmignore:3: "**/tmp" uses **, which helm rejects (the chart does not load); line skipped for change detection',
      'platform/newapi/chart/.helmignore:4: "[oops" is not a valid glob (the chart does not load); line skipped for change detection',
    ]);
    expect(isHelmIgnored(ig, 'keep.bak')).toBe(true);
  });
});

describe('classifyChanges', () => {
  const charts = [
    {
      id: 'bp-newapi',
      headPath: 'platform/newapi/chart',
      basePath: 'platform/newapi/chart',
      kustomizeDirs: [],
      headIgnore: parseHelmIgnore(NEWAPI_IGNORE),
      baseIgnore: parseHelmIgnore(NEWAPI_IGNORE),
    },
    {
      id: 'bp-catalyst-platform',
      headPath: 'products/catalyst/chart',
      basePath: 'products/catalyst/chart',
      kustomizeDirs: ['products/catalyst/chart/templates'],
      headIgnore: parseHelmIgnore(CATALYST_IGNORE),
      baseIgnore: parseHelmIgnore(CATALYST_IGNORE),
    },
  ];

  it('counts packaged files, skips helmignored ones, and always counts kustomizeDir files', () => {
    const [newapi, catalyst] = classifyChanges(charts, [
      'README.md',
      'clusters/_template/bootstrap-kit/80-newapi.yaml',
      'platform/newapi/chart/.vscode/settings.json',
      'platform/newapi/chart/templates/service.yaml',
      'products/catalyst/chart/templates/api-deployment-kustomize.yaml',
      'products/catalyst/chart/values.yaml.orig',
    ]);
    expect(newapi).toEqual({
      id: 'bp-newapi',
      files: ['platform/newapi/chart/templates/service.yaml'],
      chartFiles: ['templates/service.yaml'],
      ignored: [{ file: 'platform/newapi/chart/.vscode/settings.json', rule: '.helmignore:10 ".vscode/"' }],
    });
    expect(catalyst).toEqual({
      id: 'bp-catalyst-platform',
      files: ['products/catalyst/chart/templates/api-deployment-kustomize.yaml'],
      chartFiles: ['templates/api-deployment-kustomize.yaml'],
      ignored: [{ file: 'products/catalyst/chart/values.yaml.orig', rule: '.helmignore:8 "*.orig"' }],
    });
  });

  it('a file one side packages and the other ignores counts (a .helmignore edit)', () => {
    const c = { ...charts[0], baseIgnore: parseHelmIgnore('*.txt\n') };
    const [r] = classifyChanges([c], ['platform/newapi/chart/notes.txt']);
    expect(r.files).toEqual(['platform/newapi/chart/notes.txt']);
  });

  it('a chart new in head has no base rules: only head decides', () => {
    const c = { ...charts[0], basePath: undefined, baseIgnore: undefined };
    const [r] = classifyChanges([c], ['platform/newapi/chart/Chart.yaml', 'platform/newapi/chart/x.bak']);
    expect(r.files).toEqual(['platform/newapi/chart/Chart.yaml']);
    expect(r.ignored.map((i) => i.file)).toEqual(['platform/newapi/chart/x.bak']);
  });
});
