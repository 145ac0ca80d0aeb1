// Template names and patterns as helm-unittest reads them: `deployment.yaml` means
// `<chart>/templates/deployment.yaml`; `*` and `**` are wildcards over [0-9a-zA-Z_-/.].

const ROOTS = ['templates', 'charts', 'crds', '**'];

/** `deployment.yaml` → `mychart/templates/deployment.yaml`. */
export function templateKey(chart: string, name: string): string {
  const n = name.replace(/^\.\//, '');
  if (n.startsWith(`${chart}/`)) return n;
  return `${chart}/${ROOTS.some((r) => n.startsWith(r)) ? n : `templates/${n}`}`;
}

/**
 * A `templates:`/`excludeTemplates:` pattern as a regex. Quirk decision: anchored at both
 * ends (helm-unittest matches unanchored, so `deploy` also renders `deploy-x.yaml`).
 */
export function templatePattern(chart: string, pattern: string): RegExp {
  const key = templateKey(chart, pattern);
  const src = key
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '[0-9a-zA-Z_\\-/.]+' : part === '*' ? '[0-9a-zA-Z_\\-/.]*' : part.replace(/[.+[\]?(){}|^$\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${src}$`);
}

/** Rendered template keys kept by a suite's `templates` and `excludeTemplates`. */
export function renderSet(chart: string, keys: readonly string[], templates: readonly string[], exclude: readonly string[]): string[] {
  const inc = templates.map((t) => templatePattern(chart, t));
  const exc = exclude.map((t) => templatePattern(chart, t));
  return keys.filter((k) => (inc.length === 0 || inc.some((r) => r.test(k))) && !exc.some((r) => r.test(k)));
}
