// Report formats of `npm run check -- --report DIR`: markdown, HTML and JUnit from a small
// hand-built check result. Exact rows and elements are pinned; every output is parsed
// back (XML well-formedness, HTML as XHTML) and checked for escaping and redaction.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Violation } from '../../src/contracts/types.js';
import { formatViolation } from '../../src/contracts/violation.js';
import { makeRedactor } from '../../src/manifests/redact.js';
import { summarize, type Summary } from '../../src/report/summary.js';
import { formatText } from '../../src/report/text.js';
import { formatReport, REPORT_FILES, writeReports } from '../../src/report/write.js';
import { mdCode, mdText } from '../../src/report/markdown.js';
import type { CheckResult, CheckRow, NondeterministicFinding } from '../../src/suite/check.js';
import { findAll, parseXml, textOf, XmlSyntaxError } from '../support/xml.js';

const SECRET = 'BD-ACCT-7731-OMT';

// Where the fixture's violations are found (by helm 4: rows() derives helm 3's copies).
const NEWAPI = { chart: 'bp-newapi', cell: 'default', renderer: 'helm4' };
const CATALYST = { chart: 'bp-catalyst-platform', cell: 'kit-release', renderer: 'helm4' };

const reflectorMissing: Violation = {
  contract: 'reflector',
  ...NEWAPI,
  resource: { kind: 'ExternalSecret', namespace: 'newapi', name: 'newapi-admin-token' },
  path: 'spec.target.template.metadata.annotations[reflector.v1.k8s.emberstack.com/reflection-allowed]',
  expected: '"true"',
  actual: '(absent)',
  message: 'ExternalSecret target carries no reflector annotations',
};

const hostile: Violation = {
  contract: 'reflector',
  ...NEWAPI,
  resource: { kind: 'ConfigMap', namespace: 'newapi', name: 'channels' },
  path: 'data.note',
  expected: `a | b & "c"`,
  actual: `<script>alert("x")</script> account ${SECRET}`,
  message: `value <b>bold</b> & *stars* in account ${SECRET}`,
};

const addrWrong: Violation = {
  contract: 'dual-mode-env',
  ...CATALYST,
  renderer: 'helm4 vs kustomize',
  resource: { kind: 'Deployment', namespace: 'catalyst-system', name: 'catalyst-api' },
  path: 'spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value',
  expected: '"http://newapi-bp-newapi.newapi.svc.cluster.local:3000"',
  actual: '"http://newapi.newapi.svc"',
  message: 'CATALYST_NEWAPI_ADDR names no Service',
};

const chartLevel: Violation = {
  contract: 'version-lockstep',
  ...CATALYST,
  path: 'spec.chart.spec.version',
  expected: '"1.4.225"',
  actual: '"1.4.224"',
  message: 'bootstrap kit pins the old version',
};

function rows(spec: [chart: string, cell: string, contract: CheckRow['contract'], applies: boolean, violations: Violation[]][]): CheckRow[] {
  // Both helm majors see the same thing: summarize must fold them into one.
  return spec.flatMap(([chart, cell, contract, applies, violations]) =>
    (['helm4', 'helm3'] as const).map((renderer) => ({
      chart,
      cell,
      renderer,
      contract,
      applies,
      violations: violations.map((v) => ({ ...v, renderer: v.renderer.replace('helm4', renderer) })),
    })),
  );
}

/** The summary of a check that found `rows` and, unless given, nothing else. */
function summaryOf(found: CheckRow[], more: Partial<CheckResult> = {}): Summary {
  return summarize({ rows: found, failures: [], notes: [], nondeterministic: [], ...more });
}

const GOOD: Summary = summaryOf(
  rows([
    ['bp-newapi', 'default', 'reflector', true, []],
    ['bp-newapi', 'default', 'dual-mode-env', false, []],
    ['bp-newapi', 'default', 'version-lockstep', true, []],
    ['bp-catalyst-platform', 'kit-release', 'reflector', false, []],
    ['bp-catalyst-platform', 'kit-release', 'dual-mode-env', true, []],
    ['bp-catalyst-platform', 'kit-release', 'version-lockstep', true, []],
  ]),
);

// A random password and a render timestamp (paths only: a report never has their values).
const NONDETERMINISTIC: NondeterministicFinding[] = [
  { chart: 'bp-newapi', cell: 'default', resource: { kind: 'Secret', namespace: 'newapi', name: 'newapi-session' }, path: 'data.SESSION_SECRET' },
  {
    chart: 'bp-newapi',
    cell: 'default',
    resource: { kind: 'ConfigMap', namespace: 'newapi', name: 'channels' },
    path: 'metadata.annotations.example.org/rendered-at',
  },
  // A key that spells a secret is redacted like any other text.
  { chart: 'bp-newapi', cell: 'default', resource: { kind: 'Secret', namespace: 'newapi', name: 'accounts' }, path: `data.${SECRET}` },
];

const BAD: Summary = summaryOf(
  rows([
    ['bp-newapi', 'default', 'reflector', true, [reflectorMissing, hostile]],
    ['bp-newapi', 'default', 'dual-mode-env', false, []],
    ['bp-newapi', 'default', 'version-lockstep', true, []],
    ['bp-catalyst-platform', 'kit-release', 'reflector', false, []],
    ['bp-catalyst-platform', 'kit-release', 'dual-mode-env', true, [addrWrong]],
    ['bp-catalyst-platform', 'kit-release', 'version-lockstep', true, [chartLevel]],
  ]),
  {
    failures: [
      {
        chart: 'bp-newapi',
        cell: 'route-on',
        renderer: 'helm3',
        message:
          'render failed: chart bp-newapi, cell route-on, renderer helm3\n  command: helm template newapi <chart>\n  exit code 1:\nError: <nil pointer> & more ~~~ fences',
      },
    ],
    notes: [{ chart: 'bp-newapi', note: 'dependencies stubbed: valkey 2.0.0 (oci://registry.invalid/charts) — their templates are not rendered' }],
    nondeterministic: NONDETERMINISTIC,
  },
);

const redact = makeRedactor([SECRET]);

describe('markdown report', () => {
  it('matrix rows: ok, violation count, not applicable', () => {
    const md = formatReport('markdown', BAD, { redact });
    expect(md).toContain('| chart | cell | reflector | dual-mode-env | version-lockstep |\n| --- | --- | :---: | :---: | :---: |');
    expect(md).toContain('\n| bp-newapi | default | ✗ 2 | - | ok |\n');
    expect(md).toContain('\n| bp-catalyst-platform | kit-release | - | ✗ 1 | ✗ 1 |\n');
    expect(md.startsWith('## helm-contract-tests: ❌ 4 violations, 1 render failure\n')).toBe(true);
  });

  it('each violation is one row with chart, cell, renderer, resource, path, expected, actual, message', () => {
    const md = formatReport('markdown', BAD, { redact });
    expect(md).toContain(
      '\n| reflector | bp-newapi | default | helm4 | `ExternalSecret/newapi/newapi-admin-token` | ' +
        '`spec.target.template.metadata.annotations[reflector.v1.k8s.emberstack.com/reflection-allowed]` | `"true"` | `(absent)` | ' +
        'ExternalSecret target carries no reflector annotations |\n',
    );
    // Chart-level finding: no resource.
    expect(md).toContain(
      '\n| version-lockstep | bp-catalyst-platform | kit-release | helm4 | — | `spec.chart.spec.version` | `"1.4.225"` | `"1.4.224"` | bootstrap kit pins the old version |\n',
    );
    expect(md).toContain('### Violations (4)');
    // helm3 saw the same violations: folded, not listed twice.
    expect(md).not.toContain('| helm3 |');
  });

  it('escapes table breakers and HTML, redacts secrets', () => {
    const md = formatReport('markdown', BAD, { redact });
    expect(md).toContain(
      '\n| reflector | bp-newapi | default | helm4 | `ConfigMap/newapi/channels` | `data.note` | `a \\| b & "c"` | ' +
        '`<script>alert("x")</script> account <redacted>` | value &lt;b&gt;bold&lt;/b&gt; &amp; \\*stars\\* in account &lt;redacted&gt; |\n',
    );
    expect(md).not.toContain(SECRET);
  });

  it('render failures keep their lines in a fence longer than any inside', () => {
    const md = formatReport('markdown', BAD, { redact });
    expect(md).toContain(
      '### Render failures (1)\n\n**bp-newapi · route-on · helm3**\n\n~~~~\nrender failed: chart bp-newapi, cell route-on, renderer helm3\n',
    );
    expect(md).toContain('Error: <nil pointer> & more ~~~ fences\n~~~~\n');
  });

  it('good case: all contracts hold, no violation section', () => {
    const md = formatReport('markdown', GOOD, {});
    expect(md.split('\n')[0]).toBe('## helm-contract-tests: ✅ all contracts hold');
    expect(md).toContain('\n| bp-newapi | default | ok | - | ok |\n');
    expect(md).toContain('\n| bp-catalyst-platform | kit-release | - | ok | ok |\n');
    expect(md).toContain('2 chart cells, 6 contract checks: 4 passed, 0 failed, 2 not applicable; 0 violations, 0 render failures');
    expect(md).not.toContain('### Violations');
    expect(md).not.toContain('### Render failures');
  });

  it('helpers: prose escaping and code spans', () => {
    expect(mdText('a|b <i> & *x* [l](u) `c` _lead CATALYST_NEWAPI_ADDR')).toBe('a\\|b &lt;i&gt; &amp; \\*x\\* \\[l\\](u) \\`c\\` \\_lead CATALYST_NEWAPI_ADDR');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('')).toBe('` `');
    expect(mdCode('line1\nline2')).toBe('`line1 line2`');
  });
});

describe('junit report', () => {
  it('is well-formed XML with one testcase per chart × cell × contract', () => {
    const xml = formatReport('junit', BAD, { redact, durationSeconds: 12.34 });
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ name: 'helm-contract-tests', tests: '7', failures: '3', errors: '1', skipped: '2', time: '12.340' });
    expect(findAll(root, 'testsuite').map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.errors, s.attrs.skipped])).toEqual([
      ['bp-newapi', '4', '1', '1', '1'],
      ['bp-catalyst-platform', '3', '2', '0', '1'],
    ]);
    expect(findAll(root, 'testcase').map((c) => `${c.attrs.classname} :: ${c.attrs.name}`)).toEqual([
      'bp-newapi :: default › reflector',
      'bp-newapi :: default › dual-mode-env',
      'bp-newapi :: default › version-lockstep',
      'bp-newapi :: route-on › render (helm3)',
      'bp-catalyst-platform :: kit-release › reflector',
      'bp-catalyst-platform :: kit-release › dual-mode-env',
      'bp-catalyst-platform :: kit-release › version-lockstep',
    ]);
  });

  it('failure elements carry every violation, escaped (exact text)', () => {
    const xml = formatReport('junit', BAD, { redact });
    expect(xml).toContain(
      '<testcase classname="bp-catalyst-platform" name="kit-release › dual-mode-env" time="0">' +
        '<failure message="1 violation of dual-mode-env: CATALYST_NEWAPI_ADDR names no Service" type="contract-violation">' +
        '[dual-mode-env] chart bp-catalyst-platform · cell kit-release · helm4 vs kustomize · Deployment/catalyst-system/catalyst-api · ' +
        'spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value: CATALYST_NEWAPI_ADDR names no Service ' +
        '(expected "http://newapi-bp-newapi.newapi.svc.cluster.local:3000", actual "http://newapi.newapi.svc")</failure></testcase>',
    );
    expect(xml).toContain(
      '<failure message="2 violations of reflector: ExternalSecret target carries no reflector annotations" type="contract-violation">' +
        '[reflector] chart bp-newapi · cell default · helm4 · ExternalSecret/newapi/newapi-admin-token · ' +
        'spec.target.template.metadata.annotations[reflector.v1.k8s.emberstack.com/reflection-allowed]: ExternalSecret target carries no reflector annotations ' +
        '(expected "true", actual (absent))\n' +
        '[reflector] chart bp-newapi · cell default · helm4 · ConfigMap/newapi/channels · data.note: value &lt;b&gt;bold&lt;/b&gt; &amp; *stars* in account &lt;redacted&gt; ' +
        '(expected a | b &amp; "c", actual &lt;script&gt;alert("x")&lt;/script&gt; account &lt;redacted&gt;)</failure>',
    );
    expect(xml).toContain('<testcase classname="bp-newapi" name="default › dual-mode-env" time="0"><skipped message="not applicable" /></testcase>');
    expect(xml).toContain('<testcase classname="bp-newapi" name="default › version-lockstep" time="0" />');
    expect(xml).not.toContain(SECRET);
  });

  it('round-trips: the parsed failure text equals the formatted violations', () => {
    const root = parseXml(formatReport('junit', BAD, { redact }));
    const failures = findAll(root, 'failure');
    expect(failures).toHaveLength(3);
    const reflectorCase = failures[0];
    expect(textOf(reflectorCase)).toBe(
      [reflectorMissing, { ...hostile, actual: hostile.actual.replace(SECRET, '<redacted>'), message: hostile.message.replace(SECRET, '<redacted>') }]
        .map(formatViolation)
        .join('\n'),
    );
    const error = findAll(root, 'error')[0];
    expect(error.attrs.message).toBe('render failed: chart bp-newapi, cell route-on, renderer helm3');
    expect(textOf(error)).toContain('Error: <nil pointer> & more ~~~ fences');
  });

  it('attributes keep newlines and quotes; XML-illegal control characters are replaced', () => {
    const odd = summaryOf(
      rows([['c"h', "ce'll", 'probes', true, [{ ...chartLevel, contract: 'probes', chart: 'c"h', cell: "ce'll", message: 'line\u0001one\ttab' }]]]),
    );
    const xml = formatReport('junit', odd);
    const root = parseXml(xml);
    const tc = findAll(root, 'testcase')[0];
    expect(tc.attrs).toMatchObject({ classname: 'c"h', name: "ce'll › probes" });
    expect(findAll(root, 'failure')[0].attrs.message).toBe('1 violation of probes: line\uFFFDone\ttab');
    // eslint-disable-next-line no-control-regex -- the control character is the point
    expect(xml).not.toMatch(/[\u0001]/);
  });

  it('good case: no failures, skipped cases for not applicable', () => {
    const root = parseXml(formatReport('junit', GOOD));
    expect(root.attrs).toMatchObject({ tests: '6', failures: '0', errors: '0', skipped: '2' });
    expect(root.attrs.time).toBeUndefined();
    expect(findAll(root, 'failure')).toEqual([]);
  });
});

describe('html report', () => {
  it('is one self-contained, well-formed (XHTML-shaped) file: inline CSS, no scripts, no external assets', () => {
    const html = formatReport('html', BAD, { redact, root: '/charts', renderers: ['helm4', 'helm3', 'kustomize'] });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    const root = parseXml(html, { html: true });
    expect(root.name).toBe('html');
    expect(findAll(root, 'style')).toHaveLength(1);
    expect(findAll(root, 'script')).toEqual([]);
    expect(findAll(root, 'link')).toEqual([]);
    expect(findAll(root, 'img')).toEqual([]);
    expect(html).not.toMatch(/<script|\bsrc=|@import|url\(|href="(?!#)/i);
  });

  it('escapes violation text: <script> appears escaped, never as markup', () => {
    const html = formatReport('html', BAD, { redact });
    expect(html).toContain('<td class="actual"><code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; account &lt;redacted&gt;</code></td>');
    expect(html).toContain('<td>value &lt;b&gt;bold&lt;/b&gt; &amp; *stars* in account &lt;redacted&gt;</td>');
    expect(html).not.toContain(SECRET);
    const root = parseXml(html, { html: true });
    const actual = findAll(root, 'td')
      .filter((td) => td.attrs.class === 'actual')
      .map(textOf);
    expect(actual).toContain('<script>alert("x")</script> account <redacted>');
    // Paths get break opportunities but keep their text.
    const paths = findAll(root, 'td')
      .filter((td) => !td.attrs.class && td.children[0]?.name === 'code')
      .map(textOf);
    expect(paths).toContain('spec.template.spec.containers[api].env[CATALYST_NEWAPI_ADDR].value');
  });

  it('matrix cells: ok, linked violation count, not applicable; each violation listed with all fields', () => {
    const html = formatReport('html', BAD, { redact });
    expect(html).toContain(
      '<tr><td class="chart" rowspan="1">bp-newapi</td><td class="cell"><code>default</code></td>' +
        '<td class="mark bad"><a href="#v1">✗ 2 violations</a></td><td class="mark na" title="not applicable">–</td><td class="mark ok">✓ ok</td></tr>',
    );
    expect(html).toContain('<h3 id="v1">reflector · chart bp-newapi · cell <code>default</code> (2)</h3>');
    expect(html).toContain(
      '<tr><td>helm4 vs kustomize</td><td><code>Deployment/<wbr />catalyst-system/<wbr />catalyst-api</code></td>' +
        '<td><code>spec.<wbr />template.<wbr />spec.<wbr />containers<wbr />[api].<wbr />env<wbr />[CATALYST_NEWAPI_ADDR].<wbr />value</code></td>' +
        '<td class="expected"><code>&quot;http://newapi-bp-newapi.newapi.svc.cluster.local:3000&quot;</code></td>' +
        '<td class="actual"><code>&quot;http://newapi.newapi.svc&quot;</code></td><td>CATALYST_NEWAPI_ADDR names no Service</td></tr>',
    );
    expect(html).toContain('<pre>render failed: chart bp-newapi, cell route-on, renderer helm3\n  command: helm template newapi &lt;chart&gt;');
    // every anchor a matrix cell links to exists
    const root = parseXml(html, { html: true });
    const ids = new Set(
      findAll(root, 'h3')
        .map((h) => h.attrs.id)
        .filter(Boolean),
    );
    const links = findAll(root, 'a').map((a) => a.attrs.href.slice(1));
    expect(links.length).toBe(3);
    for (const l of links) expect(ids.has(l)).toBe(true);
  });

  it('good case: green badge, no violation section', () => {
    const html = formatReport('html', GOOD);
    expect(html).toContain('<span class="badge ok">✓ all contracts hold</span>');
    expect(html).not.toContain('<h2>Violations');
    parseXml(html, { html: true });
  });
});

describe('nondeterministic paths', () => {
  const TITLE = 'Nondeterministic paths (excluded from helm-parity and diffs)';

  it('summary (and so --format json) carries them as found', () => {
    expect(BAD.nondeterministic).toEqual(NONDETERMINISTIC);
    expect(JSON.parse(JSON.stringify(GOOD)).nondeterministic).toEqual([]);
  });

  it('text: one line per path, after the violations and failures', () => {
    const text = makeRedactor([SECRET])(formatText(BAD));
    expect(text).toContain(
      `\n${TITLE} (3):\n` +
        '  bp-newapi · default · Secret/newapi/newapi-session · data.SESSION_SECRET\n' +
        '  bp-newapi · default · ConfigMap/newapi/channels · metadata.annotations.example.org/rendered-at\n' +
        '  bp-newapi · default · Secret/newapi/accounts · data.<redacted>\n\n',
    );
    expect(text.indexOf(TITLE)).toBeGreaterThan(text.indexOf('render failures (1 subjects'));
    expect(formatText(GOOD)).not.toContain(TITLE);
  });

  it('markdown: a table of chart, cell, resource, path', () => {
    const md = formatReport('markdown', BAD, { redact });
    expect(md).toContain(
      `\n### ${TITLE} (3)\n\n| chart | cell | resource | path |\n| --- | --- | --- | --- |\n` +
        '| bp-newapi | default | `Secret/newapi/newapi-session` | `data.SESSION_SECRET` |\n' +
        '| bp-newapi | default | `ConfigMap/newapi/channels` | `metadata.annotations.example.org/rendered-at` |\n' +
        '| bp-newapi | default | `Secret/newapi/accounts` | `data.<redacted>` |\n',
    );
    expect(md).not.toContain(SECRET);
    expect(formatReport('markdown', GOOD)).not.toContain(TITLE);
  });

  it('html: a section with a table, escaped and well formed', () => {
    const html = formatReport('html', BAD, { redact });
    expect(html).toContain(`<h2>${TITLE} (3)</h2>`);
    expect(html).toContain(
      '<tr><td>bp-newapi</td><td><code>default</code></td><td><code>Secret/<wbr />newapi/<wbr />newapi-session</code></td>' +
        '<td><code>data.<wbr />SESSION_SECRET</code></td></tr>',
    );
    expect(html).toContain('<td><code>data.<wbr />&lt;redacted&gt;</code></td>');
    expect(html).not.toContain(SECRET);
    const root = parseXml(html, { html: true });
    const table = findAll(root, 'table').find((t) => t.attrs.class === 'nondeterministic');
    expect(findAll(table!, 'tr').map((tr) => findAll(tr, 'td').map(textOf).join(' | '))).toEqual([
      '',
      'bp-newapi | default | Secret/newapi/newapi-session | data.SESSION_SECRET',
      'bp-newapi | default | ConfigMap/newapi/channels | metadata.annotations.example.org/rendered-at',
      'bp-newapi | default | Secret/newapi/accounts | data.<redacted>',
    ]);
    expect(formatReport('html', GOOD)).not.toContain(TITLE);
  });

  it("junit: the chart's <system-out>, not a testcase", () => {
    const root = parseXml(formatReport('junit', BAD, { redact }));
    const [newapi, catalyst] = findAll(root, 'testsuite');
    expect(findAll(newapi, 'system-out').map(textOf)).toEqual([
      [
        `${TITLE} (3):`,
        'bp-newapi · default · Secret/newapi/newapi-session · data.SESSION_SECRET',
        'bp-newapi · default · ConfigMap/newapi/channels · metadata.annotations.example.org/rendered-at',
        'bp-newapi · default · Secret/newapi/accounts · data.<redacted>',
      ].join('\n'),
    ]);
    expect(findAll(catalyst, 'system-out')).toEqual([]);
    expect(root.attrs.tests).toBe('7');
    expect(formatReport('junit', GOOD)).not.toContain('system-out');
  });
});

describe('renderer notes (e.g. stubbed dependencies)', () => {
  const NOTE = 'dependencies stubbed: valkey 2.0.0 (oci://registry.invalid/charts) — their templates are not rendered';
  it('text: a notes section, one line per chart and note', () => {
    expect(formatText(BAD)).toContain(`notes (1):\n  bp-newapi: ${NOTE}\n`);
    expect(formatText(GOOD)).not.toContain('notes (');
  });
  it('markdown: a bullet per note', () => {
    expect(formatReport('markdown', BAD, {})).toContain(`### Notes (1)\n\n- **bp-newapi**: ${NOTE}\n`);
  });
  it('html: an escaped list item', () => {
    expect(formatReport('html', BAD, {})).toContain(`<ul class="notes">\n<li><b>bp-newapi</b>: ${NOTE}</li>\n</ul>`);
  });
});

describe('writeReports', () => {
  it('writes report.md, report.html and junit.xml into the directory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hct-report-'));
    try {
      const out = path.join(dir, 'nested', 'out');
      const written = await writeReports(out, BAD, { redact });
      expect(written).toEqual(Object.values(REPORT_FILES).map((f) => path.join(out, f)));
      expect((await readdir(out)).sort()).toEqual(['junit.xml', 'report.html', 'report.md']);
      for (const f of written) expect(await readFile(f, 'utf8')).not.toContain(SECRET);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('xml checker (the spec tool itself)', () => {
  it.each([
    ['<a><b></a>', '</a> closes <b>'],
    ['<a>x & y</a>', "bare '&'"],
    ['<a x=1/>', 'not quoted'],
    ['<a x="1" x="2"/>', 'duplicate attribute x'],
    ['<a>&nbsp;</a>', 'unknown entity &nbsp;'],
    ['<a/><b/>', 'content after the root element'],
    ['<a>1 < 2</a>', 'bad element name'],
  ])('rejects %s', (text, message) => {
    expect(() => parseXml(text)).toThrow(XmlSyntaxError);
    expect(() => parseXml(text)).toThrow(message);
  });
});
