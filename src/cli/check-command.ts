// `helm-contract-tests check`: once, or (--watch) again on every change.
import { checkOnce, parseCheckArgs } from './check.js';

export async function run(argv: string[]): Promise<number> {
  const args = parseCheckArgs(argv);
  return args.watch ? (await import('./watch.js')).watch(args) : checkOnce(args);
}
