// Command-line parsing shared by the subcommands: node's parseArgs, strict, with usage errors
// turned into UserError (exit 2) instead of a stack trace, followed by the usage line alone
// (`--help` prints the options).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../errors.js';

export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n${usage.split('\n')[0]}`, 2);
  }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UserError(`${flag} must be one of ${allowed.join(', ')}, got ${value}`, 2);
  return value as T;
}
