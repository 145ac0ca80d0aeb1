// One error family for everything a user can cause: the CLIs print `message` alone
// (no stack), specs assert on it. Programming errors stay plain Error and keep their stack.

export class UserError extends Error {
  /** Process exit code a CLI should use for this error. */
  readonly exitCode: number;
  /** What to do about it, when the message alone does not say; CLIs print it as `  fix: <hint>`. */
  hint?: string;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Attach a `fix:` hint to a user error (returned for `throw withHint(new ConfigError(…), '…')`). */
export function withHint<E extends UserError>(err: E, hint: string): E {
  err.hint = hint;
  return err;
}

/** A helm/kubectl binary is missing, not executable, or of the wrong version. */
export class ToolError extends UserError {}

/** The suite config (suite.yaml) or a file it names is invalid. */
export class ConfigError extends UserError {}

/** Where a render happened, for messages: chart, values cell, renderer. */
export interface RenderContext {
  chart: string;
  cell: string;
  renderer: string;
}

/** A render failed: helm/kubectl exited non-zero, timed out, or printed invalid YAML. */
export class RenderError extends UserError {
  readonly context: RenderContext;
  readonly command: string;
  readonly detail: string;
  /** The headline, e.g. `render failed`, so a wrapper can rebuild the error with more detail. */
  readonly what: string;
  constructor(context: RenderContext, command: string, detail: string, what = 'render failed') {
    super(`${what}: chart ${context.chart}, cell ${context.cell}, renderer ${context.renderer}\n` + `  command: ${command}\n` + indent(detail.trim(), '  '));
    this.context = context;
    this.command = command;
    this.detail = detail;
    this.what = what;
  }
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((line) => (line.length ? pad + line : line))
    .join('\n');
}

/** Run a CLI main: user errors print their message and exit with their code, no stack. */
export async function runMain(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`error: ${err.message}\n${err.hint ? `  fix: ${err.hint}\n` : ''}`);
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}
