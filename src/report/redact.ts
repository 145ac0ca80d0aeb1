// Secret values never reach a terminal, a file or a PR comment: every text the tool
// prints passes through a redactor built from the suite's secret variables.
import { scrub } from '../manifests/secrets.js';
import type { Suite } from '../suite/session.js';

export { REDACTED } from '../manifests/secrets.js';

export type Redactor = (text: string) => string;

/** Replace each secret (longest first, so a secret containing another is hidden whole). */
export function makeRedactor(secrets: string[]): Redactor {
  // Very short values would blank out ordinary words; they are not treated as secrets.
  const values = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (t) => t;
  return (text) => scrub(text, values);
}

/** Redactor for a suite: the values of the variables its config marks secret, and what the kit took from Secrets. */
export function suiteRedactor(suite: Suite): Redactor {
  return makeRedactor([...suite.config.bootstrapKit.secretVariables.map((name) => suite.variables[name] ?? '').filter(Boolean), ...suite.secretValues]);
}
