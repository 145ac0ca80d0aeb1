// npm's postinstall: in a checkout, compile src/ to dist/ (so the bin never runs through tsx);
// then extract the pinned helm/kubectl. An installed tarball ships dist/ and only provisions.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url);
if (existsSync(new URL('../tsconfig.build.json', import.meta.url)) && existsSync(tsc)) {
  const built = spawnSync(process.execPath, [fileURLToPath(tsc), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const built = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(built)) {
  // e.g. `npm ci --omit=dev` in a checkout: no compiler. The tools are extracted on first use anyway.
  process.stderr.write('helm-contract-tests: dist/ is not built (TypeScript is not installed); run `npm run build` before using the CLI\n');
  process.exit(0);
}
const { main } = await import(built.href);
await main(['tools', '--provision', '--quiet']);
