// Patch edits the secret specs share: the kit secret variable flowing into an env var that
// only the helm half of the dual-mode chart sets, and reading every file a report wrote.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PatchEdit } from '../../support/fixtures/patch-set.js';

const KIT = 'clusters/_template/bootstrap-kit';

/** LLM_BANK_DHOFAR_ACCOUNT_ID → bp-catalyst-platform values → env CATALYST_BANK_ACCOUNT_ID (helm only). */
export const SECRET_VARIABLE_TO_ENV: PatchEdit[] = [
  {
    file: `${KIT}/13-bp-catalyst-platform.yaml`,
    replace: '    sovereignFQDN: ${SOVEREIGN_FQDN}\n',
    with: '    sovereignFQDN: ${SOVEREIGN_FQDN}\n    bankAccountId: ${LLM_BANK_DHOFAR_ACCOUNT_ID:-}\n',
  },
  {
    file: 'products/catalyst/chart/templates/api-deployment.yaml',
    replace: '            - name: CATALYST_NEWAPI_ADDR\n',
    with: '            - name: CATALYST_BANK_ACCOUNT_ID\n              value: {{ .Values.bankAccountId | default "none" | quote }}\n            - name: CATALYST_NEWAPI_ADDR\n',
  },
];

/** Every file under `dir` (recursively) → its text. */
export async function readAll(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[path.join(e.parentPath, e.name)] = await readFile(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}
