// `helm-contract-tests tools`: show which helm/kubectl the suite uses. `--provision` only extracts (postinstall).
import { formatTable } from '../report/table.js';
import { provisionPinned } from '../tools/provision.js';
import { resolveTools, type Tool } from '../tools/resolve.js';
import { parseCli } from './args.js';
import { helpOf } from './usage.js';

const SOURCE: Record<Tool['source'], (envVar: string) => string> = {
  pinned: () => 'pinned',
  env: (envVar) => `env ${envVar}`,
  path: () => 'PATH',
  missing: () => 'missing: its renders are skipped',
};

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, { provision: { type: 'boolean' }, quiet: { type: 'boolean' } }, helpOf('tools').usage);
  if (values.provision) {
    await provisionPinned();
    if (!values.quiet) process.stdout.write('pinned helm/kubectl extracted\n');
    return 0;
  }
  const tools = await resolveTools();
  const rows = Object.values(tools).map((t) => [
    t.id,
    t.version +
      Object.entries(t.extra)
        .map(([k, v]) => ` (${k} ${v})`)
        .join(''),
    t.path,
    SOURCE[t.source](t.envVar),
  ]);
  process.stdout.write(formatTable(['tool', 'version', 'path', 'source'], rows) + '\n');
  for (const t of Object.values(tools)) if (t.note) process.stderr.write(`${t.note}\n`);
  return 0;
}
