// `helm-contract-tests tools`: show which helm/kubectl the suite uses. `--provision` only extracts (postinstall).
import { formatTable } from '../report/table.js';
import { provisionPinned } from '../tools/provision.js';
import { resolveTools } from '../tools/resolve.js';
import { parseCli } from './args.js';
import { COMMANDS } from './commands.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, { provision: { type: 'boolean' }, quiet: { type: 'boolean' } }, COMMANDS.find((c) => c.name === 'tools')!.usage);
  if (values.provision) {
    await provisionPinned();
    if (!values.quiet) process.stdout.write('pinned helm/kubectl extracted\n');
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
}
