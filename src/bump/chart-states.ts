// The facts of every head chart on both sides (Chart.yaml, kit pins, .helmignore) and why
// each one counts as changed (its files, a new chart, a pin, a lockstep partner).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDirectory } from '../config/load.js';
import type { SuiteConfig } from '../config/types.js';
import type { Kit } from '../render/flux.js';
import type { ChartFileChanges, ChartLocation } from './changes.js';
import { parseHelmIgnore, type HelmIgnore } from '../render/helmignore.js';
import { finding, lockstepPartners, type ChartState } from './rules.js';
import { errorText, firstLine, loadKit, pinsOf, readChartSide } from './sides.js';
import type { BumpViolation, ChangeReason, PinFact } from './types.js';

/** The bootstrap kits of both sides; base's may be unreadable (then its pins are unknown). */
export interface KitFacts {
  headKit: Kit;
  headPins: PinFact[];
  /** Loaded once: a base kit that fails here fails openSide later with the same error. */
  baseKit: Promise<Kit>;
  basePins: PinFact[] | undefined;
  baseVariables: Record<string, string>;
}

export async function readKits(headConfig: SuiteConfig, baseConfig: SuiteConfig, notes: string[]): Promise<KitFacts> {
  const headKit = await loadKit(headConfig);
  const baseKit = loadKit(baseConfig);
  let basePins: PinFact[] | undefined;
  let baseVariables: Record<string, string> = {};
  try {
    const kit = await baseKit;
    basePins = pinsOf(kit, baseConfig);
    baseVariables = kit.variables;
  } catch (err) {
    notes.push(`base bootstrap kit cannot be read, pin changes are not detected: ${firstLine(errorText(err))}`);
  }
  return { headKit, headPins: pinsOf(headKit, headConfig), baseKit, basePins, baseVariables };
}

export interface Roots {
  head: string;
  base: string;
}

/** Each head chart's state on both sides (reasons still empty) and where its files are. */
export async function readChartStates(
  headConfig: SuiteConfig,
  baseConfig: SuiteConfig,
  roots: Roots,
  kits: Pick<KitFacts, 'headPins' | 'basePins'>,
): Promise<{ states: ChartState[]; locations: ChartLocation[] }> {
  const states: ChartState[] = [];
  const locations: ChartLocation[] = [];
  for (const chart of headConfig.charts) {
    const atBase = baseConfig.charts.find((x) => x.id === chart.id);
    const basePath = atBase?.path ?? chart.path;
    const headSide = await readChartSide(roots.head, chart.path);
    const baseSide = await readChartSide(roots.base, basePath);
    const headName = headSide.name ?? chart.name;
    const baseName = baseSide.name ?? atBase?.name ?? chart.name;
    headSide.pins = kits.headPins.filter((p) => p.chart === headName);
    baseSide.pins = (kits.basePins ?? []).filter((p) => p.chart === baseName);
    states.push({
      id: chart.id,
      name: headName,
      path: chart.path,
      reasons: [],
      files: [],
      base: baseSide,
      head: headSide,
      releaseFallback: chart.release !== undefined,
    });
    // A side has the chart directory exactly when its .helmignore could be read there.
    const headIgnore = await readHelmIgnore(roots.head, chart.path);
    const baseIgnore = await readHelmIgnore(roots.base, basePath);
    locations.push({
      id: chart.id,
      headPath: headIgnore ? chart.path : undefined,
      basePath: baseIgnore ? basePath : undefined,
      kustomizeDirs: [...new Set([chart.kustomizeDir, atBase?.kustomizeDir].filter((d): d is string => d !== undefined))],
      headIgnore,
      baseIgnore,
    });
  }
  return { states, locations };
}

/**
 * Sets each state's files and change reasons; notes changes .helmignore leaves out, and
 * returns the .helmignore lines helm does not support as violations when strict (else notes).
 */
export function assignChangeReasons(
  states: ChartState[],
  fileChanges: ChartFileChanges[],
  locations: ChartLocation[],
  basePins: PinFact[] | undefined,
  strict: boolean,
  notes: string[],
): BumpViolation[] {
  const violations: BumpViolation[] = [];
  for (const [i, state] of states.entries()) {
    const changes = fileChanges[i];
    state.files = changes.chartFiles;
    const reasons: ChangeReason[] = [];
    if (changes.files.length > 0) reasons.push('files');
    if (state.head.exists && !state.base.exists) reasons.push('new');
    if (basePins !== undefined && pinKey(state.base.pins) !== pinKey(state.head.pins)) reasons.push('pin');
    state.reasons = reasons;
    if (changes.ignored.length > 0 && changes.files.length === 0) {
      notes.push(
        `${state.id}: changed files ignored by .helmignore (not packaged, no bump needed): ${changes.ignored.map((f) => `${f.file} (${f.rule})`).join(', ')}`,
      );
    }
    const ignore = locations[i].headIgnore;
    if (reasons.length > 0 && ignore) {
      for (const w of ignore.warnings) {
        if (strict)
          violations.push(
            finding(state, {
              rule: 'helmignore',
              file: `${state.path}/.helmignore`,
              expected: 'a line helm supports',
              actual: w,
              message: `${state.id}: ${w}`,
            }),
          );
        else notes.push(`${state.id}: ${w}`);
      }
    }
  }
  return violations;
}

/** A chart without reasons of its own that a lockstep rule names changes with its partner. */
export function addLockstepReasons(states: ChartState[], violations: BumpViolation[]): void {
  for (const id of lockstepPartners(violations)) {
    const state = states.find((x) => x.id === id);
    if (state && state.reasons.length === 0) state.reasons.push('lockstep');
  }
}

async function readHelmIgnore(root: string, chartPath: string): Promise<HelmIgnore | undefined> {
  const dir = path.join(root, chartPath);
  if (!(await isDirectory(dir))) return undefined;
  const text = await readFile(path.join(dir, '.helmignore'), 'utf8').catch(() => '');
  return parseHelmIgnore(text, `${chartPath}/.helmignore`);
}

function pinKey(pins: PinFact[]): string {
  return pins
    .map((p) => `${p.helmRelease}@${p.version}`)
    .sort()
    .join(',');
}
