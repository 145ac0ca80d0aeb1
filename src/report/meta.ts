// What a report says besides its body (title, root, renderers, tools, the redactor): shared by
// every output format, so it lives apart from them and from the writer.
import type { ContractId } from '../contracts/types.js';
import type { Redactor } from '../manifests/redact.js';

/** What a report says besides the summary itself. */
export interface ReportMeta {
  /** Heading, default `helm-contract-tests`. */
  title?: string;
  /** Charts root that was checked. */
  root?: string;
  /** Helm renderers every cell was rendered with (plus kustomize when dual-mode charts exist). */
  renderers?: string[];
  /** Contract id → its one-line promise, shown as a legend. */
  contracts?: Partial<Record<ContractId, string>>;
  /** Tool versions, e.g. { helm4: 'v4.1.4' }. */
  tools?: Record<string, string>;
  /** Wall time of the check, in seconds. */
  durationSeconds?: number;
  /** ISO timestamp; omitted from the output when absent (keeps specs deterministic). */
  generatedAt?: string;
  /** The suite redactor (suiteRedactor(suite)); identity when absent. */
  redact?: Redactor;
}
