// Every contract on every subject of the suite (chart × values cell × helm major), with the
// real helm/kubectl renders. Runs on whatever CHARTS_ROOT / SUITE_CONFIG name.
import { describe, expect, it } from 'vitest';
import '../support/matchers.js';
import { importDist } from '../support/dist.js';
import { providedSuite } from '../support/provided-suite.js';

// The compiled code (dist/, rebuilt by the global setup when src changed), loaded by node: this
// file tests the charts, and vitest's transform of the modules costs about twice their load.
const [{ ALL_CONTRACTS, contractApplies, evaluateContract }, { notValidated }, { buildWorld }, { cellsOf }, suite] = await Promise.all([
  importDist<typeof import('../../src/contracts/index.js')>('contracts/index.js'),
  importDist<typeof import('../../src/contracts/schema.js')>('contracts/schema.js'),
  importDist<typeof import('../../src/suite/world.js')>('suite/world.js'),
  importDist<typeof import('../../src/suite/renders.js')>('suite/renders.js'),
  providedSuite(),
]);
// As specs/support/suite.ts subjectsOf, on the compiled cellsOf.
const subjects = suite.charts.flatMap((c) =>
  cellsOf(suite, c.config.id).flatMap((cell) =>
    suite.config.defaults.renderers.map((renderer) => ({ chart: c.config.id, cell, renderer, title: `${c.config.id} · ${cell.name} · ${renderer}` })),
  ),
);

describe(`suite ${suite.config.root}: ${subjects.length} subjects (cells × renderers)`, () => {
  it('has something to check', () => {
    expect(subjects.length).toBeGreaterThan(0);
  });

  describe.each(ALL_CONTRACTS)('contract $id', (contract) => {
    it.for(subjects)('$title', async ({ chart, cell, renderer }, ctx) => {
      const world = await buildWorld(suite, chart, cell, renderer);
      if (!contractApplies(contract, world)) {
        ctx.skip(`${contract.id} does not apply to ${chart} in this cell/renderer`);
        return;
      }
      // "Nothing to check" fails only where the config expects the contract to find something.
      const outcome = evaluateContract(contract, world);
      if (outcome.nothingToCheck !== undefined) {
        ctx.skip(`${contract.id}: nothing to check: ${outcome.nothingToCheck}`);
        return;
      }
      expect(outcome.violations).toHaveNoViolations();
      // Kinds with no schema pass only as "not validated", and every reporter shows that.
      const unvalidated = contract.id === 'schema' ? notValidated(world) : [];
      if (unvalidated.length) await ctx.annotate(`not validated (no schema): ${unvalidated.join(', ')}`, 'notice');
    });
  });

  it('every contract applies to at least one subject (no contract is silently idle)', async () => {
    const idle: string[] = [];
    for (const contract of ALL_CONTRACTS) {
      // Skipped by the config for every chart: a decision written down with its reason, not idleness.
      if (suite.charts.every((c) => c.config.skipContracts.includes(contract.id))) continue;
      // pinned-env checks only what the config pins: a suite with no pinnedEnv has decided so.
      if (contract.id === 'pinned-env' && !suite.config.pinnedEnv?.length) continue;
      let applied = false;
      for (const s of subjects) {
        if (contractApplies(contract, await buildWorld(suite, s.chart, s.cell, s.renderer))) {
          applied = true;
          break;
        }
      }
      if (!applied) idle.push(contract.id);
    }
    expect(idle).toEqual([]);
  });
});
