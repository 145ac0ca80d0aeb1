// Runs the generic contract spec in a child vitest with another CHARTS_ROOT / SUITE_CONFIG,
// as a user pointing the suite at their own repository would.
import { execa } from 'execa';
import { NO_SUITE_ENV } from './env.js';
import { VITEST } from './bin.js';

export interface MatrixSpecRun {
  numPassedTests: number;
  numFailedTests: number;
  /** Title of the outermost describe: names the charts root the spec ran on. */
  suiteTitle: string;
}

export async function runMatrixSpec(env: Record<string, string>): Promise<MatrixSpecRun> {
  const res = await execa(VITEST, ['run', 'specs/contracts/matrix.spec.ts', '--reporter=json'], { reject: false, env: { ...NO_SUITE_ENV, ...env } });
  const report = JSON.parse(res.stdout.slice(res.stdout.indexOf('{'), res.stdout.lastIndexOf('}') + 1)) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { assertionResults: { ancestorTitles: string[] }[] }[];
  };
  return {
    numPassedTests: report.numPassedTests,
    numFailedTests: report.numFailedTests,
    suiteTitle: report.testResults[0]?.assertionResults[0]?.ancestorTitles[0] ?? '',
  };
}
