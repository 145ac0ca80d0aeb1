// Values matrix → cells: cartesian product, exclusion, naming, values order.
import { describe, expect, it } from 'vitest';
import { expandMatrix } from '../../src/config/matrix.js';
import { ConfigError } from '../../src/errors.js';
import type { MatrixConfig } from '../../src/config/types.js';

const MATRIX: MatrixConfig = {
  axes: {
    kit: { kit: { kitValues: true }, defaults: {} },
    attested: { 'on-attested': { values: { bank: { attested: true } }, set: ['bank.id=1'] }, off: { values: { bank: { enabled: false } } } },
    route: { 'on.route': { values: { ingress: { httpRoute: { enabled: true } } }, set: ['a=1', 'b=2'] } },
  },
  exclude: [],
};

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('expandMatrix', () => {
  it('default matrix has one cell named default', () => {
    expect(expandMatrix({ axes: { default: { default: {} } }, exclude: [] })).toEqual([
      { name: 'default', choice: { default: 'default' }, kitValues: false, values: [], set: [], apiVersions: [], requiredResources: [] },
    ]);
  });

  it('cartesian product in axis order, option order preserved', () => {
    const m: MatrixConfig = { axes: { a: { a1: {}, a2: {} }, b: { b1: {}, b2: {}, b3: {} } }, exclude: [] };
    expect(expandMatrix(m).map((c) => c.name)).toEqual(['a1.b1', 'a1.b2', 'a1.b3', 'a2.b1', 'a2.b2', 'a2.b3']);
  });

  it.each([
    [
      'kit.on-attested.on.route',
      { kit: 'kit', attested: 'on-attested', route: 'on.route' },
      true,
      [{ bank: { attested: true } }, { ingress: { httpRoute: { enabled: true } } }],
      ['bank.id=1', 'a=1', 'b=2'],
    ],
    [
      'kit.off.on.route',
      { kit: 'kit', attested: 'off', route: 'on.route' },
      true,
      [{ bank: { enabled: false } }, { ingress: { httpRoute: { enabled: true } } }],
      ['a=1', 'b=2'],
    ],
    [
      'defaults.on-attested.on.route',
      { kit: 'defaults', attested: 'on-attested', route: 'on.route' },
      false,
      [{ bank: { attested: true } }, { ingress: { httpRoute: { enabled: true } } }],
      ['bank.id=1', 'a=1', 'b=2'],
    ],
    [
      'defaults.off.on.route',
      { kit: 'defaults', attested: 'off', route: 'on.route' },
      false,
      [{ bank: { enabled: false } }, { ingress: { httpRoute: { enabled: true } } }],
      ['a=1', 'b=2'],
    ],
  ])('cell %s: choice, kitValues, values and set in axis order', (name, choice, kitValues, values, set) => {
    const cell = expandMatrix(MATRIX).find((c) => c.name === name);
    expect(cell).toEqual({ name, choice, kitValues, values, set, apiVersions: [], requiredResources: [] });
  });

  it('apiVersions and requiredResources of the chosen options add up, in axis order, without repeats', () => {
    const m: MatrixConfig = {
      axes: {
        kit: { kit: { kitValues: true, apiVersions: ['monitoring.coreos.com/v1'], requiredResources: ['ServiceMonitor/web'] } },
        es: { on: { apiVersions: ['external-secrets.io/v1beta1', 'monitoring.coreos.com/v1'], requiredResources: ['ExternalSecret/web-db'] }, off: {} },
      },
      exclude: [],
    };
    expect(expandMatrix(m).map((c) => [c.name, c.apiVersions, c.requiredResources])).toEqual([
      ['kit.on', ['monitoring.coreos.com/v1', 'external-secrets.io/v1beta1'], ['ServiceMonitor/web', 'ExternalSecret/web-db']],
      ['kit.off', ['monitoring.coreos.com/v1'], ['ServiceMonitor/web']],
    ]);
  });

  it('cells hold copies of the values (mutating one cell does not leak)', () => {
    const [first] = expandMatrix(MATRIX);
    (first.values[0] as { bank: { attested: boolean } }).bank.attested = false;
    expect(MATRIX.axes.attested['on-attested'].values).toEqual({ bank: { attested: true } });
  });

  it.each<[string, Record<string, string>[], string[]]>([
    ['no exclusion', [], ['kit.on-attested.on.route', 'kit.off.on.route', 'defaults.on-attested.on.route', 'defaults.off.on.route']],
    ['full cell', [{ kit: 'kit', attested: 'off', route: 'on.route' }], ['kit.on-attested.on.route', 'defaults.on-attested.on.route', 'defaults.off.on.route']],
    ['partial entry drops every match', [{ attested: 'off' }], ['kit.on-attested.on.route', 'defaults.on-attested.on.route']],
    ['two-axis partial entry', [{ kit: 'defaults', attested: 'on-attested' }], ['kit.on-attested.on.route', 'kit.off.on.route', 'defaults.off.on.route']],
    ['several entries', [{ kit: 'kit' }, { attested: 'off' }], ['defaults.on-attested.on.route']],
    ['entry matching nothing', [{ kit: 'nope' }], ['kit.on-attested.on.route', 'kit.off.on.route', 'defaults.on-attested.on.route', 'defaults.off.on.route']],
  ])('exclude: %s', (_title, exclude, names) => {
    expect(expandMatrix({ ...MATRIX, exclude }).map((c) => c.name)).toEqual(names);
  });

  it.each<[string, MatrixConfig, string | undefined, string]>([
    [
      'every cell excluded',
      { axes: { a: { x: {}, y: {} } }, exclude: [{ a: 'x' }, { a: 'y' }] },
      'charts[0].matrix',
      'charts[0].matrix leaves no cell: all 2 cells match an exclude entry',
    ],
    ['no axes', { axes: {}, exclude: [] }, undefined, 'matrix has no axes'],
    ['axis without options', { axes: { a: {} }, exclude: [] }, undefined, 'matrix axis a has no options'],
    [
      'duplicate cell names (dotted option names)',
      { axes: { a: { 'x.y': {}, x: {} }, b: { z: {}, 'y.z': {} } }, exclude: [] },
      undefined,
      'matrix yields cell name x.y.z twice: option names must not contain "."',
    ],
  ])('error: %s', (_title, m, where, message) => {
    const err = thrown(() => expandMatrix(m, where));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe(message);
  });
});
