// `.helmignore` matching as helm does it when it loads a chart directory
// (helm.sh/helm pkg/ignore): one glob per line, `#` comments, blank lines skipped;
// a pattern without `/` is matched against the basename, one with `/` against the
// path relative to the chart (a leading `/` anchors it there), a trailing `/` makes
// it match directories only. Globs are Go's filepath.Match (`*`, `?`, `[...]`, `\`
// escapes; never across `/`). An ignored directory hides everything below it. Helm
// always adds `templates/.?*`. `**` and bad globs make helm refuse to load the chart;
// `!` negation does not work as in gitignore (helm then ignores every file the pattern
// does not match, Chart.yaml included). All three are reported as warnings and the line
// is skipped here, so that such a line never hides a change.

export interface HelmIgnoreRule {
  /** The line as written. */
  raw: string;
  /** 1-based line in .helmignore (0 for helm's built-in default). */
  line: number;
  /** Trailing `/`: the rule matches directories only. */
  dirOnly: boolean;
  /** Matched against the whole relative path (else against the basename). */
  fullPath: boolean;
  regex: RegExp;
}

export interface HelmIgnore {
  rules: HelmIgnoreRule[];
  /** Lines helm would reject or treat differently from gitignore, skipped here. */
  warnings: string[];
}

/** Helm's built-in rule (pkg/ignore AddDefaults): dot-files under templates/. */
const HELM_DEFAULT_RULE = 'templates/.?*';

/** Parse a .helmignore text (`file` names it in warnings). Helm's default rule is always included. */
export function parseHelmIgnore(text: string, file = '.helmignore'): HelmIgnore {
  const out: HelmIgnore = { rules: [], warnings: [] };
  text.split(/\r?\n/).forEach((lineText, i) => addRule(out, lineText, i + 1, file));
  addRule(out, HELM_DEFAULT_RULE, 0, file);
  return out;
}

function addRule(out: HelmIgnore, lineText: string, line: number, file: string): void {
  let rule = lineText.trim();
  if (rule === '' || rule.startsWith('#')) return;
  const where = `${file}:${line}`;
  if (rule.includes('**')) {
    out.warnings.push(`${where}: "${rule}" uses **, which helm rejects (the chart does not load); line skipped for change detection`);
    return;
  }
  if (rule.startsWith('!')) {
    out.warnings.push(
      `${where}: "${rule}" is a negation, which helm does not support like gitignore (it ignores every file the pattern does not match); line skipped for change detection`,
    );
    return;
  }
  const raw = rule;
  const dirOnly = rule.endsWith('/');
  if (dirOnly) rule = rule.replace(/\/+$/, '');
  let fullPath = false;
  if (rule.startsWith('/')) {
    rule = rule.replace(/^\/+/, '');
    fullPath = true;
  } else if (rule.includes('/')) {
    fullPath = true;
  }
  const regex = globToRegExp(rule);
  if (!regex) {
    out.warnings.push(`${where}: "${raw}" is not a valid glob (the chart does not load); line skipped for change detection`);
    return;
  }
  out.rules.push({ raw, line, dirOnly, fullPath, regex });
}

/**
 * A Go filepath.Match pattern as an anchored RegExp, or undefined when Go would
 * return ErrBadPattern (unclosed `[`, trailing `\`).
 */
export function globToRegExp(glob: string): RegExp | undefined {
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (i + 1 >= glob.length) return undefined;
      re += escapeRegExp(glob[++i]);
    } else if (c === '[') {
      // Go: '[' ['^'] { lo ['-' hi] } ']', where lo/hi may be `\`-escaped and never '-' or ']'.
      let j = i + 1;
      let negate = false;
      if (glob[j] === '^') ((negate = true), j++);
      let cls = '';
      let ranges = 0;
      const esc = (): string | undefined => {
        let ch = glob[j];
        if (ch === undefined || ch === '-' || ch === ']') return undefined;
        if (ch === '\\') {
          ch = glob[++j];
          if (ch === undefined) return undefined;
        }
        j++;
        return ch;
      };
      for (;;) {
        if (glob[j] === ']' && ranges > 0) break;
        const lo = esc();
        if (lo === undefined) return undefined;
        if (glob[j] === '-') {
          j++;
          const hi = esc();
          if (hi === undefined) return undefined;
          cls += `${escapeClassChar(lo)}-${escapeClassChar(hi)}`;
        } else cls += escapeClassChar(lo);
        ranges++;
      }
      re += negate ? `[^/${cls}]` : `[${cls}]`;
      i = j;
    } else re += escapeRegExp(c);
  }
  return new RegExp(re + '$');
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function escapeClassChar(c: string): string {
  return /[\]\\^-]/.test(c) ? `\\${c}` : c;
}

function ruleMatches(rule: HelmIgnoreRule, rel: string, isDir: boolean): boolean {
  if (rule.dirOnly && !isDir) return false;
  const subject = rule.fullPath ? rel : rel.slice(rel.lastIndexOf('/') + 1);
  return rule.regex.test(subject);
}

/** The rule that makes helm skip `rel` (a file path relative to the chart dir, `/`-separated), if any. */
export function helmIgnoredBy(ig: HelmIgnore, rel: string): HelmIgnoreRule | undefined {
  const parts = rel.split('/').filter(Boolean);
  // Helm walks the tree: an ignored directory is never entered.
  for (let n = 1; n < parts.length; n++) {
    const dir = parts.slice(0, n).join('/');
    const hit = ig.rules.find((r) => ruleMatches(r, dir, true));
    if (hit) return hit;
  }
  const file = parts.join('/');
  if (!file) return undefined;
  return ig.rules.find((r) => ruleMatches(r, file, false));
}

/** Whether helm skips this entry itself (its parent folders are the caller's walk to check). */
export function ignoresEntry(ig: HelmIgnore, rel: string, isDir: boolean): boolean {
  return ig.rules.some((r) => ruleMatches(r, rel, isDir));
}

export function isHelmIgnored(ig: HelmIgnore, rel: string): boolean {
  return helmIgnoredBy(ig, rel) !== undefined;
}
