// `npm run screenshot -- [--dir out] [--out DIR] [--width 1400] [--height 1000]`: headless
// Chromium screenshot of DIR/report.html (written by `npm run check -- --report DIR`), to
// look at the HTML report without a browser. PNGs stay out of git (.gitignore).
// Needs Debian's chromium: `apt-get update && apt-get install -y chromium` (or CHROMIUM_BIN).
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { parseCli } from '../src/cli/args.js';
import { runMain, UserError } from '../src/errors.js';

const USAGE = 'usage: npm run screenshot -- [--dir DIR (default out)] [--out DIR (default: the report dir)] [--width 1400] [--height 1000]';

await runMain(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { dir: { type: 'string' }, out: { type: 'string' }, width: { type: 'string' }, height: { type: 'string' } },
    USAGE,
  );
  const dir = path.resolve(values.dir ?? 'out');
  const outDir = path.resolve(values.out ?? dir);
  const html = path.join(dir, 'report.html');
  const png = path.join(outDir, 'report.png');
  const width = Number(values.width ?? 1400);
  const height = Number(values.height ?? 1000);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 100 || height < 100)
    throw new UserError(`--width/--height must be integers ≥ 100\n${USAGE}`);
  const chromium = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
  try {
    await access(html);
  } catch {
    throw new UserError(`${html} not found: run \`npm run check -- --report ${path.relative(process.cwd(), dir) || '.'}\` first`);
  }
  try {
    await access(chromium);
  } catch {
    throw new UserError(`${chromium} not found: install it with \`apt-get update && apt-get install -y chromium\`, or set CHROMIUM_BIN`);
  }
  // A throwaway profile: no first-run state, no user data, nothing left behind.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'hct-chromium-'));
  try {
    await rm(png, { force: true });
    const res = await execa(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--screenshot=${png}`,
        `--window-size=${width},${height}`,
        `file://${html}`,
      ],
      { reject: false, timeout: 120_000, stdin: 'ignore', all: true },
    );
    const written = await stat(png).then(
      (s) => s.size,
      () => 0,
    );
    if (res.exitCode !== 0 || written === 0) {
      throw new UserError(
        `chromium did not write ${png} (exit ${res.exitCode}${res.timedOut ? ', timed out' : ''}):\n${String(res.all ?? '')
          .trim()
          .slice(-2000)}`,
        1,
      );
    }
    process.stdout.write(`screenshot of ${html} (${width}×${height}) written to ${png} (${written} bytes)\n`);
    return 0;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
