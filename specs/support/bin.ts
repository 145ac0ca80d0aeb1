// The project's own CLIs as specs spawn them (argument arrays, never a shell).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const TSX = path.join(PROJECT, 'node_modules', '.bin', 'tsx');
export const VITEST = path.join(PROJECT, 'node_modules', '.bin', 'vitest');
