// `npm run tools`: show which helm/kubectl the suite uses. `--provision` only extracts (postinstall).
import { runMain } from '../src/errors.js';
import { provisionPinned } from '../src/tools/provision.js';
import { resolveTools } from '../src/tools/resolve.js';
import { formatTable } from '../src/report/table.js';

await runMain(async () => {
  const args = process.argv.slice(2);
  if (args.includes('--provision')) {
    await provisionPinned();
    if (!args.includes('--quiet')) process.stdout.write('pinned helm/kubectl extracted\n');
    return 0;
  }
  const tools = await resolveTools();
  const rows = Object.values(tools).map((t) => [
    t.id,
    t.version + Object.entries(t.extra).map(([k, v]) => ` (${k} ${v})`).join(''),
    t.path,
    t.source === 'env' ? `env ${t.envVar}` : 'pinned',
  ]);
  process.stdout.write(formatTable(['tool', 'version', 'path', 'source'], rows) + '\n');
  return 0;
});
