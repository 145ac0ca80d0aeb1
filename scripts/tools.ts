// Kept for old muscle memory: the command lives in src/cli/ and runs as `helm-contract-tests tools` (compiled, see docs/cli.md).
import { main } from '../src/cli/main.js';

await main(['tools', ...process.argv.slice(2)]);
