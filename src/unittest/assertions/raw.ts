// The `raw` text of a document: NOTES-like or failed-render documents carry `{raw: text}`;
// an ordinary YAML document has none, which helm-unittest shows as `<nil>`.
import { isMapValue, uniform } from '../values.js';

export function rawOf(doc: unknown): string {
  const raw = isMapValue(doc) ? doc.raw : undefined;
  return typeof raw === 'string' ? uniform(raw) : '<nil>';
}
