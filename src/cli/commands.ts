// The bin's subcommands: their help (usage.ts) and their code, loaded on use only, so
// start-up stays a few milliseconds for `--help` and usage errors.
import { HELP, type CommandHelp } from './usage.js';

export { BIN, TOP_USAGE } from './usage.js';

export interface Command extends CommandHelp {
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

const LOADERS: Record<string, Command['load']> = {
  check: () => import('./check-command.js'),
  'verify-bump': () => import('./verify-bump.js'),
  tools: () => import('./tools.js'),
};

export const COMMANDS: Command[] = HELP.map((help) => ({ ...help, load: LOADERS[help.name] }));
