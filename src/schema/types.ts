// Schema validation of rendered objects: what a compiled validator reports, and the set
// of validators a contract looks kinds up in. Loading (package modules, CRD files) is I/O
// and happens in loaders; contracts only receive a SchemaSet.

/** Which rule of the schema a field breaks. */
export type SchemaRule = 'type' | 'enum' | 'required' | 'unknown field' | 'format' | 'other';

/** One field of one object that its schema rejects. */
export interface SchemaProblem {
  rule: SchemaRule;
  /** JSON pointer of the field inside the object (`/spec/ports/0/port`); for `required`, of the missing field. */
  pointer: string;
  /** The schema's expectation, e.g. `type integer`, `one of "TCP", "UDP"`, `required field`, `no unknown field`. */
  expected: string;
  /** What the object holds there; undefined for a missing field (the contract phrases it). */
  value: unknown;
  /** One line, in words. */
  message: string;
}

export interface ValidateOptions {
  /** Fields the schema does not declare are problems (the API server rejects or drops them). */
  strict: boolean;
}

/** The compiled schema of one apiVersion + kind. */
export interface ObjectValidator {
  /** Where the schema comes from, e.g. `kubernetes-models 5.1.0` or `CRD widgets.example.io (crds/widget.yaml)`. */
  source: string;
  validate(object: unknown, opts: ValidateOptions): SchemaProblem[];
}

/** Validators by apiVersion and kind, ready to use (nothing left to load). */
export interface SchemaSet {
  /** The Kubernetes built-in schema source, e.g. `kubernetes-models 5.1.0 (Kubernetes 1.35 API)`. */
  builtin: string;
  lookup(apiVersion: string, kind: string): ObjectValidator | undefined;
}

/** `apiVersion\0kind`, the key validators are stored under. */
export function typeKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\0${kind}`;
}
