import { describe, expect, it } from 'vitest';
import { scrub, secretValues } from '../../src/manifests/redact.js';
import type { Manifest } from '../../src/manifests/types.js';

const secret: Manifest = {
  kind: 'Secret',
  apiVersion: 'v1',
  name: 's',
  namespace: 'ns',
  source: 't.yaml',
  index: 0,
  object: { kind: 'Secret', metadata: { name: 's' }, data: { a: Buffer.from('decoded-value').toString('base64') }, stringData: { b: 'plain-value' } },
};

describe('secretValues', () => {
  it('collects raw, base64-decoded data and base64-encoded stringData, longest first', () => {
    expect(secretValues([secret])).toEqual(
      [Buffer.from('decoded-value').toString('base64'), Buffer.from('plain-value').toString('base64'), 'decoded-value', 'plain-value'].sort(
        (a, b) => b.length - a.length,
      ),
    );
  });
});

describe('scrub', () => {
  it("hides a secret cut off by a message's display limit, not only whole ones", () => {
    expect(scrub('value "abc S3NTINEL-VAL…" and S3NTINEL-VALUE', ['S3NTINEL-VALUE'])).toBe('value "abc <redacted>…" and <redacted>');
    expect(scrub('value "S3N…"', ['S3NTINEL-VALUE'])).toBe('value "S3N…"');
  });
});
