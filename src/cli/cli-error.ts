/** Exit codes, as docker's CLI uses them: 1 for a failed build or a bad value, 2 for a command line it cannot read. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/**
 * One line for the user about the command line: `--secret: expected ...`, or `unknown command "x"`. `usage` errors
 * (unknown flag or command, wrong number of arguments) exit 2; a flag with a bad value exits 1.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: number;

  constructor(message: string, kind: "usage" | "value") {
    super(message);
    this.exitCode = kind === "usage" ? EXIT.usage : EXIT.failed;
  }
}
