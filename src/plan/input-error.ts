/**
 * One bad input: `message` is a single line that names the input and what was expected, e.g.
 * `platforms: expected a list like "linux/amd64,linux/arm64", got "linux/amd65"`. It never holds a secret value;
 * the entry point prints it as one `::error` annotation, without a stack.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  /** The input's name as `action.yml` spells it: `platforms`, `cache-to`, `secret-files`. */
  readonly input: string;

  constructor(input: string, detail: string) {
    // One line, whatever the detail holds: a multi-line message would become several annotations.
    super(`${input}: ${detail.replace(/\s*[\r\n]+\s*/g, " ")}`);
    this.input = input;
  }

  /** `<input>: expected <expectation>, got "<got>"`; `got` is quoted as JSON so it stays on one line. */
  static expected(input: string, expectation: string, got?: string): InputError {
    return new InputError(
      input,
      got === undefined ? `expected ${expectation}` : `expected ${expectation}, got ${quote(got)}`,
    );
  }
}

/**
 * Every bad input of one run. `planBuild` checks all inputs and throws this once, so a user fixes every mistake
 * in one round instead of one per run; `errors` keeps them in input order, `message` is their lines joined.
 */
export class InputErrors extends Error {
  override readonly name = "InputErrors";
  readonly errors: readonly InputError[];

  constructor(errors: readonly InputError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.errors = errors;
  }
}

/** Quotes a value for a message: JSON string syntax, so newlines and quotes cannot break the line. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
