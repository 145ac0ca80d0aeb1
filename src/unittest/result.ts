// Test results as the suite's violations (`npm run check`, reports) and as the text a
// failed vitest `it` prints. Results stay apart from these formats.
import path from 'node:path';
import type { Violation } from '../contracts/types.js';
import type { AssertionFailure, TestResult } from './types.js';

/** `chart · suite › test` path head: template, document and field of one failure. */
function where(f: AssertionFailure): string {
  return [f.template, f.document === undefined ? undefined : `document ${f.document}`, f.path].filter(Boolean).join(' · ') || '(render)';
}

function assertionName(type: string, not: boolean, index: number): string {
  return `asserts[${index}]${not ? ' NOT' : ''} ${type}`;
}

/** One violation per failed check (or one for a test that could not run). `root` makes file paths relative. */
export function testViolations(chart: string, root: string, r: TestResult): Violation[] {
  const base = { contract: 'unittest' as const, chart, cell: path.relative(root, r.file).split(path.sep).join('/'), renderer: r.renderer };
  const title = `${r.suite || '(suite)'} › ${r.test}`;
  const out: Violation[] = [];
  if (r.error && r.assertions.every((a) => a.passed))
    out.push({ ...base, path: '(test)', expected: 'the test to run', actual: oneLine(r.error), message: `${title}: ${oneLine(r.error)}` });
  for (const a of r.assertions) {
    for (const f of a.failures) {
      out.push({
        ...base,
        path: where(f),
        expected: oneLine(f.expected),
        actual: oneLine(f.actual),
        message: `${title}: ${assertionName(a.assertion.type, a.assertion.not, a.assertion.index)}: ${oneLine(f.message)}`,
      });
    }
  }
  return out;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The failure text of one test (what a failed `it` shows), or '' when it passed. */
export function formatTestFailure(r: TestResult): string {
  if (r.passed) return '';
  const lines: string[] = [];
  if (r.error) lines.push(`error: ${r.error}`);
  for (const a of r.assertions) {
    if (a.passed) continue;
    lines.push(`- ${assertionName(a.assertion.type, a.assertion.not, a.assertion.index)} fail (${a.assertion.pos.file}:${a.assertion.pos.line})`);
    for (const f of a.failures) {
      if (f.template) lines.push(`    Template: ${f.template}`);
      if (f.document !== undefined) lines.push(`    DocumentIndex: ${f.document}`);
      if (f.path) lines.push(`    Path: ${f.path}`);
      lines.push(`    ${f.message}`, `    Expected: ${f.expected}`, `    Actual: ${f.actual}`);
    }
  }
  return lines.join('\n');
}
