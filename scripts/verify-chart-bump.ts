// Kept for old muscle memory: the command lives in src/cli/ and runs as `helm-contract-tests verify-bump` (compiled, see docs/cli.md).
import { main } from '../src/cli/main.js';

await main(['verify-bump', ...process.argv.slice(2)]);
