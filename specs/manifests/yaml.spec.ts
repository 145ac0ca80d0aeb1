import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../../src/errors.js';
import { fileAtLine, isMap, yamlErrorReason, yamlSyntaxError } from '../../src/manifests/yaml.js';

function firstError(text: string, lineCounter?: LineCounter) {
  const err = parseDocument(text, { lineCounter, prettyErrors: false }).errors[0];
  if (!err) throw new Error('expected a YAML error');
  return err;
}

describe('isMap', () => {
  it('a mapping is a map; a list, a scalar and null are not', () => {
    expect(isMap({ a: 1 })).toBe(true);
    expect(isMap({})).toBe(true);
    expect([isMap([1]), isMap('a'), isMap(null), isMap(undefined), isMap(3)]).toEqual([false, false, false, false, false]);
  });
});

describe('yamlErrorReason', () => {
  it('keeps the first line and drops the library position (it counts from the parsed text)', () => {
    expect(yamlErrorReason({ message: 'Implicit map keys need to be followed by map values at line 3, column 1:\n\nfoo\n^^^' })).toBe(
      'Implicit map keys need to be followed by map values',
    );
  });

  it('a message without a position is kept whole', () => {
    expect(yamlErrorReason({ message: 'Map keys must be unique' })).toBe('Map keys must be unique');
  });
});

describe('fileAtLine', () => {
  it('file:line when the line is known, the file alone when not', () => {
    expect(fileAtLine('suite.yaml', 12)).toBe('suite.yaml:12');
    expect(fileAtLine('suite.yaml')).toBe('suite.yaml');
  });
});

describe('yamlSyntaxError', () => {
  it('names file and line, no code frame', () => {
    const lineCounter = new LineCounter();
    const err = yamlSyntaxError('charts/web/Chart.yaml', firstError('name: web\nversion: 1.0.0\nname: again\n', lineCounter), lineCounter);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('charts/web/Chart.yaml:3: invalid YAML: Map keys must be unique');
  });

  it('without a position it names the file only', () => {
    const err = yamlSyntaxError('suite.yaml', { ...firstError('a: 1\na: 2\n'), linePos: undefined, pos: [0, 0] });
    expect(err.message).toBe('suite.yaml: invalid YAML: Map keys must be unique');
  });
});
