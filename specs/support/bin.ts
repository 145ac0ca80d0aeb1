// The project's own CLIs as specs spawn them (argument arrays, never a shell).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const TSX = path.join(PROJECT, 'node_modules', '.bin', 'tsx');
export const VITEST = path.join(PROJECT, 'node_modules', '.bin', 'vitest');
/** The compiled `helm-contract-tests` bin: specs run it as a user does, with `node` (no tsx start-up). */
export const BIN = path.join(PROJECT, 'bin', 'helm-contract-tests.js');
/** `[node, [bin, command, ...args]]`, for execa. */
export function binCommand(command: string, args: readonly string[] = []): [string, string[]] {
  return [process.execPath, [BIN, command, ...args]];
}
