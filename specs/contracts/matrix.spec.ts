// Every contract on every subject of the suite (chart × values cell × helm major), with the
// real helm/kubectl renders. Runs on whatever CHARTS_ROOT / SUITE_CONFIG name.
import { describe, expect, it } from 'vitest';
import { ALL_CONTRACTS, contractApplies, evaluateContract } from '../../src/contracts/index.js';
import { notValidated } from '../../src/contracts/schema.js';
import { buildWorld } from '../../src/suite/world.js';
import '../support/matchers.js';
import { loadSuite, subjectsOf } from '../support/suite.js';

const suite = await loadSuite();
const subjects = subjectsOf(suite);

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
