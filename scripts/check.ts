// Kept for old muscle memory: the command lives in src/cli/ and runs as `helm-contract-tests check` (compiled, see docs/cli.md).
import { main } from '../src/cli/main.js';

await main(['check', ...process.argv.slice(2)]);
