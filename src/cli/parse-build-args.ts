import { parseArgs, type ParseArgsConfig } from "node:util";
import { INPUT_NAMES } from "../plan/inputs.js";
import { messageOf } from "../shared/message-of.js";
import { CliError } from "./cli-error.js";
import { BUILD_FLAGS } from "./flags.js";
import { parseSecretFlags } from "./secret-flag.js";

/** How progress is printed on stderr: buildx's plain lines, nothing, or each status batch as one JSON line. */
export type ProgressMode = "plain" | "quiet" | "rawjson";
const PROGRESS_MODES: readonly ProgressMode[] = ["plain", "quiet", "rawjson"];

/** `kiln build` as the user typed it: the action's inputs plus what only the CLI does. */
export interface BuildCommand {
  readonly help: boolean;
  /** Action inputs by their `action.yml` names. */
  readonly inputs: ReadonlyMap<string, string>;
  readonly progress: ProgressMode;
  /** `-q`: only the digest on stdout. */
  readonly quiet: boolean;
  readonly metadataFile: string | undefined;
  readonly iidFile: string | undefined;
}

const options: NonNullable<ParseArgsConfig["options"]> = Object.fromEntries(
  BUILD_FLAGS.map((f) => [
    f.name,
    {
      type: f.kind === "bool" ? "boolean" : "string",
      ...(f.kind === "list" ? { multiple: true } : {}),
      ...(f.short ? { short: f.short } : {}),
    },
  ]),
);

/**
 * Reads `kiln build`'s arguments (after the command) into the action's inputs, so both go through the same plan.
 * An unknown flag or a second context is a usage error (exit 2); a flag whose value cannot be read exits 1.
 */
export function parseBuildArgs(argv: readonly string[], env: NodeJS.ProcessEnv): BuildCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (err) {
    // node's messages name the flag already ("Unknown option '--frob'"); keep the first sentence only.
    throw new CliError(
      messageOf(err)
        .split(/\. |\n/)[0]!
        .replace(/\.$/, ""),
      "usage",
    );
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const inputs = new Map<string, string>();
  for (const flag of BUILD_FLAGS) {
    const v = values[flag.name];
    if (flag.input === undefined || v === undefined || v === false) continue;
    inputs.set(flag.input, Array.isArray(v) ? v.join("\n") : v === true ? "true" : v);
  }
  const secrets = parseSecretFlags((values["secret"] as string[] | undefined) ?? [], env);
  if (secrets.files.length > 0) inputs.set(INPUT_NAMES.secretFiles, secrets.files.join("\n"));
  if (secrets.envs.length > 0) inputs.set(INPUT_NAMES.secretEnvs, secrets.envs.join("\n"));
  if (parsed.positionals.length > 1)
    throw new CliError(
      `expected one build context, got ${parsed.positionals.length}: ${parsed.positionals.join(" ")}`,
      "usage",
    );
  inputs.set(INPUT_NAMES.context, parsed.positionals[0] ?? ".");

  const quiet = values["quiet"] === true;
  const progress = (values["progress"] as string | undefined) ?? (quiet ? "quiet" : "plain");
  if (!PROGRESS_MODES.includes(progress as ProgressMode))
    throw new CliError(
      `--progress: expected one of ${PROGRESS_MODES.join(", ")}, got ${JSON.stringify(progress)}`,
      "value",
    );
  return {
    help: values["help"] === true,
    inputs,
    progress: progress as ProgressMode,
    quiet,
    metadataFile: values["metadata-file"] as string | undefined,
    iidFile: values["iidfile"] as string | undefined,
  };
}
