// Service names in values: fully qualified anywhere in text, short forms only as whole values.
import { describe, expect, it } from 'vitest';
import { findServiceNames, findShortNames } from '../../src/contracts/dns-names.js';

const NS = new Set(['billing', 'cache', 'default']);
const refs = (value: string) => findServiceNames(value, NS).map((r) => `${r.text} → ${r.service}.${r.namespace ?? '(reader)'}${r.port ? `:${r.port}` : ''}`);

describe('findServiceNames', () => {
  it.each([
    ['tcp://redis:6379', ['tcp://redis:6379 → redis.(reader):6379']],
    ['redis:6379', ['redis:6379 → redis.(reader):6379']],
    ['http://api.billing:8080/v1/pay', ['http://api.billing:8080 → api.billing:8080']],
    ['redis.cache.svc:6379', ['redis.cache.svc:6379 → redis.cache:6379']],
    ['redis.cache.svc.cluster.local', ['redis.cache.svc.cluster.local → redis.cache']],
    ['http://ledger', ['http://ledger → ledger.(reader)']],
    ['--backend=grpc://ledger:9090', ['grpc://ledger:9090 → ledger.(reader):9090']],
    ['redis-0:6379,redis-1:6379', ['redis-0:6379 → redis-0.(reader):6379', 'redis-1:6379 → redis-1.(reader):6379']],
    ['postgres://app:secret@db-rw:5432/app', ['postgres://db-rw:5432 → db-rw.(reader):5432']],
  ])('finds %s', (value, expected) => {
    expect(refs(value)).toEqual(expected);
  });

  it.each([
    ['free text (a log line)', 'dial tcp cache:6379: connect: connection refused'],
    ['a comment line', '# the old worker listened on api:9000'],
    ['a public host of two labels', 'https://example.com:443'],
    ['an unknown second label', 'http://api.other:8080'],
    ['localhost', 'http://localhost:8080'],
    ['an IP address', '10.0.0.1:8080'],
    ['a bare word', 'redis'],
    ['an object-store URL', 's3://backups/nightly'],
    ['a file path', '/etc/app/config.yaml'],
    ['a flag with a number', '--port=9898'],
    ['a duration', '5m'],
    ['an image and its tag', 'postgres:16'],
  ])('finds nothing in %s', (_what, value) => {
    expect(findServiceNames(value, NS)).toEqual([]);
  });

  it('a port of 20 or more under a key naming an image is a tag: BASE_IMAGE=node:22 finds nothing', () => {
    expect(findServiceNames('node:22', NS, 'BASE_IMAGE')).toEqual([]);
    expect(findServiceNames('node:22', NS, 'sidecarImage')).toEqual([]);
  });

  it('the same value under any other key is still a host and a port, and a scheme always dials', () => {
    expect(refs('node:22')).toEqual(['node:22 → node.(reader):22']);
    expect(findServiceNames('node:22', NS, 'SSH_TARGET').map((r) => r.text)).toEqual(['node:22']);
    expect(findServiceNames('tcp://registry:5000', NS, 'IMAGE_REGISTRY').map((r) => r.text)).toEqual(['tcp://registry:5000']);
  });

  it('one non-reference part makes a list free text', () => {
    expect(findShortNames('redis:6379, see the runbook', NS)).toEqual([]);
  });
});
