// The suite of this run for the charts specs: the one the global setup opened and provided
// (config validated, kit loaded, tools resolved once per run), else opened here (a run
// without the global setup, or a re-run where the config did not open: its error shows here).
import { inject } from 'vitest';
import type { Suite } from '../../src/suite/session.js';
import { importDist } from './dist.js';

export async function providedSuite(): Promise<Suite> {
  const provided = inject('hctSuite');
  if (provided) return provided;
  const { openSuite } = await importDist<typeof import('../../src/suite/session.js')>('suite/session.js');
  return openSuite();
}
