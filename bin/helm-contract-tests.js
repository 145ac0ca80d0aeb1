#!/usr/bin/env node
// The bin npm links: runs the compiled CLI (dist/, built by npm ci or npm run build), never tsx.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'error: helm-contract-tests is not built (dist/cli/main.js is missing)\n  fix: run `npm run build` (or `npm ci`) in the helm-contract-tests folder\n',
  );
  process.exit(2);
}
const { main: run } = await import(main.href);
await run(process.argv.slice(2));
