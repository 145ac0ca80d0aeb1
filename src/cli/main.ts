// The `helm-contract-tests` bin: one entry point, subcommands loaded on demand.
import { runMain, UserError } from '../errors.js';
import { COMMANDS, TOP_USAGE } from './commands.js';

export const isHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');

export async function main(argv: string[]): Promise<void> {
  await runMain(async () => {
    const [name, ...rest] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      process.stdout.write(`${TOP_USAGE}\n`);
      return name === undefined ? 2 : 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UserError(`unknown command "${name}" (known: ${COMMANDS.map((c) => c.name).join(', ')})\n${TOP_USAGE}`, 2);
    if (isHelp(rest)) {
      process.stdout.write(`${command.summary}\n${command.usage}\n`);
      return 0;
    }
    const { run } = await command.load();
    return run(rest);
  });
}
