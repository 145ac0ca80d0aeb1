// Flux post-build substitution (fluxcd/pkg/envsubst as kustomize-controller uses it), on
// plain text: no files, no YAML, no processes. documents.ts applies it per kit object.
import { ConfigError } from '../../errors.js';
// Flux variable names: anything else inside `${…}` is left as it is.
import { FLUX_VARIABLE_NAME as VARIABLE_NAME } from '../flux-variable.js';

/**
 * `$${…}` (escape) or `${…}` on one line. Group 1 is the extra `$` of the escape,
 * group 2 the text between the braces.
 */
export const REFERENCE = /\$(\$?)\{([^{}\n]*)\}/g;

/**
 * The text between `${` and `}`: a name, optionally followed by an operator and a default.
 *   NAME            value, or '' / strict error when unset
 *   NAME:-default   default when unset OR empty
 *   NAME:=default   same as `:-` here: Flux's envsubst would also assign the variable,
 *                   which only matters for later references in the same text; the kit
 *                   never relies on that, so we do not model it
 *   NAME-default    default when unset (not when empty)
 *   NAME=default    same as `-` (assignment not modelled, as above)
 * Other envsubst operators (`${#NAME}`, `${NAME/x/y}`, `${NAME:0:3}`…) are not used by
 * bootstrap kits; they do not match and are left untouched, as are invalid names.
 */
export const EXPRESSION = /^([^:=-]*)(?:(:?[-=])(.*))?$/s;

export interface SubstituteOptions {
  /** Undefined variable without default is an error (Flux `substitute: strict`-like). */
  strict: boolean;
  /** File name for messages (relative to the charts root). */
  file: string;
  /** Where a missing variable should be added, for the strict-mode hint. */
  variablesFile?: string;
}

/**
 * Flux post-build substitution on YAML text. Replacement values are inserted verbatim, so
 * `enabled: ${FLAG:-false}` parses as a boolean. Works on any text (comments included);
 * the kit loaders run the same expansion on comment-free re-serialised objects, as Flux does.
 */
export function substitute(text: string, vars: Record<string, string>, opts: SubstituteOptions): string {
  return expand(text, vars, (name, offset) => {
    if (opts.strict) throw undefinedVariable(name, `${opts.file}:${lineAt(text, offset)}`, opts.variablesFile);
  }).text;
}

export interface Expansion {
  text: string;
  /** Names of the variable references replaced (escapes excluded), in order of appearance. */
  names: string[];
}

/**
 * The substitution itself; `onUndefined` sees each unset variable without default (by
 * offset in the input) before it becomes ''. References to `keep` stay as written, which
 * lets a broken result be blamed on the variable whose value broke it.
 */
export function expand(text: string, vars: Record<string, string>, onUndefined: (name: string, offset: number) => void, keep?: string): Expansion {
  const names: string[] = [];
  const out = text.replace(REFERENCE, (match: string, escape: string, inner: string, offset: number) => {
    if (escape) return match.slice(1); // `$${X}` → literal `${X}`
    const expr = EXPRESSION.exec(inner);
    if (!expr || !VARIABLE_NAME.test(expr[1])) return match;
    const [, name, op, fallback = ''] = expr;
    if (name === keep) return match;
    names.push(name);
    const defined = Object.hasOwn(vars, name);
    const value = defined ? vars[name] : undefined;
    if (op === ':-' || op === ':=') return value ? value : fallback;
    if (op === '-' || op === '=') return defined ? value! : fallback;
    if (defined) return value!;
    onUndefined(name, offset);
    return '';
  });
  return { text: out, names };
}

export function undefinedVariable(name: string, where: string, variablesFile: string | undefined): ConfigError {
  const file = variablesFile ?? 'a variables file (bootstrapKit.variablesFile)';
  return new ConfigError(`undefined Flux variable ${name} in ${where} (strict mode): ` + `add it to ${file} or give it a default (\${${name}:-…})`);
}

/** 1-based line number of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
