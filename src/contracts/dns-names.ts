// Service names a value dials: the fully qualified `name.ns.svc[.cluster.local]` anywhere in
// text, and the short forms (`tcp://redis:6379`, `http://api.other-ns:8080`, `redis:6379`)
// when they are the whole value (an env value, an arg or its `--flag=` value, a values leaf,
// a one-line ConfigMap entry), so log lines and comments never produce one.

const LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
/**
 * `[scheme://][user@][pod.]name.ns.svc[.cluster.local][:port]`. Not preceded by a DNS
 * character (so `a.b.c.svc` is not read as `b.c.svc`), not followed by one (so
 * `x.y.svc.example.com` is not in-cluster). Userinfo is matched but never shown.
 */
const DNS_NAME = new RegExp(
  `(?<![-a-z0-9.])(?:([a-z][a-z0-9+.-]*)://)?(?:[^\\s@/]+@)?(?:(${LABEL})\\.)??(${LABEL})\\.(${LABEL})\\.svc(\\.cluster\\.local)?(?![-a-z0-9]|\\.[a-z0-9])(?::(\\d{1,5})(?!\\d))?`,
  'gi',
);

/** A whole value of the short form: `[scheme://][user@]name[.namespace][:port][/path]`. */
const SHORT_NAME = new RegExp(`^(?:([a-z][a-z0-9+.-]*)://)?(?:[^\\s@/]+@)?(${LABEL})(?:\\.(${LABEL}))?(?::(\\d{1,5}))?(?:[/?#]\\S*)?$`);

/** Schemes that dial a host: a bare `name` after one of these is a Service of the reader's namespace. */
export const NETWORK_SCHEMES: readonly string[] = [
  'http',
  'https',
  'grpc',
  'grpcs',
  'tcp',
  'udp',
  'ws',
  'wss',
  'redis',
  'rediss',
  'postgres',
  'postgresql',
  'mysql',
  'mongodb',
  'amqp',
  'amqps',
  'nats',
  'kafka',
  'memcached',
  'clickhouse',
  'ldap',
  'ldaps',
  'smtp',
];

/** Below this, `name:number` without a scheme is read as an image tag. */
const MIN_BARE_PORT = 20;

/** A key that holds an image (`BASE_IMAGE`, `sidecarImage`, `image`): its `node:22` is a tag, never a host:port. */
const IMAGE_KEY = /image/i;

/** Hosts that never name a Service. */
const NOT_SERVICES: readonly string[] = ['localhost'];

export interface DnsReference {
  /** As shown in messages: scheme, host and port (never userinfo or path). */
  text: string;
  service: string;
  /** Undefined for a one-label name: the reader's own namespace. */
  namespace?: string;
  port?: number;
}

/** Fully qualified in-cluster names anywhere in `value`. */
export function findDnsNames(value: string): DnsReference[] {
  const out: DnsReference[] = [];
  for (const m of value.matchAll(DNS_NAME)) {
    const [, scheme, pod, service, namespace, clusterLocal, port] = m;
    const host = `${pod ? `${pod}.` : ''}${service}.${namespace}.svc${clusterLocal ?? ''}`;
    const ref: DnsReference = {
      text: `${scheme ? `${scheme}://` : ''}${host}${port ? `:${port}` : ''}`,
      service: service.toLowerCase(),
      namespace: namespace.toLowerCase(),
    };
    if (port) ref.port = Number(port);
    out.push(ref);
  }
  return out;
}

/**
 * Short names when the value is nothing but references (comma-separated allowed, `--flag=`
 * stripped): one label with a network scheme or a port; two labels only when the second is a
 * namespace the cluster has (else `example.com:443` would be read as one).
 */
export function findShortNames(value: string, namespaces: ReadonlySet<string>, key?: string): DnsReference[] {
  const parts = value
    .trim()
    .split(',')
    .map((p) => p.trim().replace(/^--?[A-Za-z0-9_.-]+=/, ''));
  if (parts.some((p) => p === '')) return [];
  const out: DnsReference[] = [];
  for (const part of parts) {
    const m = SHORT_NAME.exec(part);
    if (!m) return [];
    const [, scheme, service, namespace, port] = m;
    if (scheme !== undefined && !NETWORK_SCHEMES.includes(scheme)) continue;
    if (scheme === undefined && port === undefined) continue;
    // `redis:7`, `postgres:16`: an image and its tag, not a host and a port (no Service listens below 20).
    if (scheme === undefined && Number(port) < MIN_BARE_PORT) continue;
    if (scheme === undefined && key !== undefined && IMAGE_KEY.test(key)) continue;
    if (NOT_SERVICES.includes(service) || /^\d+$/.test(service)) continue;
    if (namespace !== undefined && !namespaces.has(namespace)) continue;
    const ref: DnsReference = { text: `${scheme ? `${scheme}://` : ''}${service}${namespace ? `.${namespace}` : ''}${port ? `:${port}` : ''}`, service };
    if (namespace !== undefined) ref.namespace = namespace;
    if (port !== undefined) ref.port = Number(port);
    out.push(ref);
  }
  return out;
}

/**
 * Every Service a value names: fully qualified ones anywhere, else the whole-value short forms.
 * `key` (env var name, ConfigMap key, values leaf) tells an image's `name:tag` from a host:port.
 */
export function findServiceNames(value: string, namespaces: ReadonlySet<string>, key?: string): DnsReference[] {
  const full = findDnsNames(value);
  return full.length > 0 ? full : findShortNames(value, namespaces, key);
}
