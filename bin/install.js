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
const { main } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
await main(['tools', '--provision', '--quiet']);
