// JUnit XML report (junit.xml) for CI test viewers: one <testsuite> per chart, one
// <testcase> per chart × cell × contract (classname = chart, name = `cell › contract`).
// A contract with violations is a <failure> whose body lists them one per line;
// a contract that does not apply is <skipped>; a render failure is an <error> testcase.
// The chart's nondeterministic paths (not failures: they are excluded from the checks) go in
// its <system-out>, one per line, paths only. Notes about no chart (the Flux kit's) form a
// testsuite of their own with no testcase, in its <system-out>.
import { formatViolation } from '../contracts/violation.js';
import type { RenderFailure } from '../suite/check.js';
import { count, DEFAULT_TITLE, formatNondeterministic, NONDETERMINISTIC_TITLE, type Summary, type SummaryCell } from './summary.js';
import type { OutputFormat } from './format.js';
import type { ReportMeta } from './meta.js';

/** Characters XML 1.0 cannot carry at all (control chars, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
function xmlChars(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the job
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Escape element text. */
function xmlText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an attribute value (quotes and whitespace that attribute normalisation would eat). */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

/** Name of the testcase for one chart cell and contract. */
function testcaseName(cell: string, contract: string): string {
  return `${cell} › ${contract}`;
}

/** The <failure> element of a contract cell with violations. */
function failureElement(contract: string, cell: SummaryCell): string {
  const first = cell.violations[0];
  const message = `${count(cell.violations.length, 'violation')} of ${contract}${first ? `: ${first.message}` : ''}`;
  return `<failure${attrs({ message, type: 'contract-violation' })}>${xmlText(cell.violations.map(formatViolation).join('\n'))}</failure>`;
}

function errorElement(f: RenderFailure): string {
  return `<error${attrs({ message: f.message.split('\n')[0], type: 'render-failure' })}>${xmlText(f.message)}</error>`;
}

function formatJunit(summary: Summary, meta: ReportMeta = {}): string {
  const charts: string[] = [];
  for (const r of summary.rows) if (!charts.includes(r.chart)) charts.push(r.chart);
  for (const f of summary.failures) if (!charts.includes(f.chart)) charts.push(f.chart);

  const suites: string[] = [];
  const all = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const chart of charts) {
    const cases: string[] = [];
    const n = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const row of summary.rows.filter((r) => r.chart === chart)) {
      for (const contract of summary.contracts) {
        const cell = row.byContract[contract];
        if (!cell) continue;
        n.tests++;
        const head = `<testcase${attrs({ classname: chart, name: testcaseName(row.cell, contract), time: '0' })}`;
        if (!cell.applies) {
          n.skipped++;
          cases.push(`${head}><skipped message="not applicable" /></testcase>`);
        } else if (cell.nothingToCheck !== undefined) {
          n.skipped++;
          cases.push(`${head}><skipped${attrs({ message: `nothing to check: ${cell.nothingToCheck}` })} /></testcase>`);
        } else if (cell.violations.length) {
          n.failures++;
          cases.push(`${head}>${failureElement(contract, cell)}</testcase>`);
        } else {
          cases.push(`${head} />`);
        }
      }
    }
    for (const f of summary.failures.filter((x) => x.chart === chart)) {
      n.tests++;
      n.errors++;
      cases.push(`<testcase${attrs({ classname: chart, name: testcaseName(f.cell, `render (${f.renderer})`), time: '0' })}>${errorElement(f)}</testcase>`);
    }
    for (const k of Object.keys(all) as (keyof typeof all)[]) all[k] += n[k];
    const nondeterministic = summary.nondeterministic.filter((x) => x.chart === chart);
    if (nondeterministic.length) {
      const lines = [`${NONDETERMINISTIC_TITLE} (${nondeterministic.length}):`, ...nondeterministic.map(formatNondeterministic)];
      cases.push(`<system-out>${xmlText(lines.join('\n'))}</system-out>`);
    }
    suites.push(`  <testsuite${attrs({ name: chart, ...n, time: '0' })}>\n${cases.map((c) => `    ${c}`).join('\n')}\n  </testsuite>`);
  }
  // Notes about no chart of the matrix (how the Flux kit was read, external releases): a suite of their own, no tests.
  const other = summary.notes.filter((x) => !charts.includes(x.chart));
  for (const name of [...new Set(other.map((x) => x.chart))]) {
    const lines = other.filter((x) => x.chart === name).map((x) => x.note);
    suites.push(
      `  <testsuite${attrs({ name, tests: 0, failures: 0, errors: 0, skipped: 0, time: '0' })}>\n    <system-out>${xmlText(lines.join('\n'))}</system-out>\n  </testsuite>`,
    );
  }
  const time = meta.durationSeconds === undefined ? undefined : meta.durationSeconds.toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: meta.title ?? DEFAULT_TITLE, ...all, time, timestamp: meta.generatedAt })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export const junit: OutputFormat<Summary> = { id: 'junit', file: 'junit.xml', format: formatJunit };
