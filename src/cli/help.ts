import { BUILD_FLAGS, type FlagSpec } from "./flags.js";

/** `kiln --help`. */
export const TOP_USAGE = `Usage: kiln COMMAND [OPTIONS]

Builds container images with BuildKit, as the Kiln GitHub Action does, from a terminal.

Commands:
  build       Build an image from a Dockerfile (flags as docker buildx build's)
  merge       Join the parts of fan-out builds into one multi-platform image
  help        Show help for a command: kiln help build
  version     Print Kiln's version

Options:
  -h, --help     Print this help
  -v, --version  Print Kiln's version

Run "kiln build --help" for the build flags.`;

function flagLine(f: FlagSpec): string {
  const names = `${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.arg ? ` ${f.arg}` : ""}`;
  return `  ${names.padEnd(34)} ${f.help}`;
}

/** `kiln build --help`, generated from the flag table so it cannot miss a flag. */
export const BUILD_USAGE = `Usage: kiln build [OPTIONS] [CONTEXT]

Builds CONTEXT (a directory, default "."; or a git or https URL) with the same inputs as the Kiln action.
Progress goes to stderr; the step outputs (digest, digests, imageid, metadata, ...) go to stdout as JSON.
Exit status: 0 built, 1 the build or a flag's value failed, 2 the command line could not be read.

Options:
${BUILD_FLAGS.map(flagLine).join("\n")}`;
