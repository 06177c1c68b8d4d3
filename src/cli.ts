import { messageOf } from "./shared/message-of.js";
import { CliError, EXIT } from "./cli/cli-error.js";
import { BUILD_USAGE, TOP_USAGE } from "./cli/help.js";
import { parseBuildArgs } from "./cli/parse-build-args.js";
import { runBuildCommand, type CliStreams } from "./cli/run-build-command.js";
import { KILN_VERSION } from "./cli/version.js";
import { MERGE_USAGE, runFanOutCommand, runMergeCommand, takeFanOutFlag } from "./cli/fan-commands.js";

const HELP: Readonly<Record<string, string>> = { build: BUILD_USAGE, merge: MERGE_USAGE };

/** `kiln COMMAND ...`: dispatches the command and turns every failure into one line and an exit status. */
export async function main(argv: readonly string[], io: CliStreams): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.err(`${TOP_USAGE}\n`);
        return EXIT.usage;
      case "-h":
      case "--help":
        io.out(`${TOP_USAGE}\n`);
        return EXIT.ok;
      case "-v":
      case "--version":
      case "version":
        io.out(`kiln ${KILN_VERSION}\n`);
        return EXIT.ok;
      case "help": {
        const topic = rest[0];
        if (topic === undefined) io.out(`${TOP_USAGE}\n`);
        else if (HELP[topic]) io.out(`${HELP[topic]}\n`);
        else throw unknownCommand(topic);
        return EXIT.ok;
      }
      case "build": {
        const fanOut = takeFanOutFlag(rest);
        const build = parseBuildArgs(fanOut.rest, process.env);
        if (build.help) {
          io.out(`${BUILD_USAGE}\n`);
          return EXIT.ok;
        }
        if (fanOut.dir !== undefined) {
          return await runFanOutCommand(build, fanOut.dir, { env: process.env, cwd: process.cwd() }, io);
        }
        return await runBuildCommand(build, { env: process.env, cwd: process.cwd() }, io);
      }
      case "merge":
        return await runMergeCommand(rest, { env: process.env, cwd: process.cwd() }, io);
      default:
        throw unknownCommand(command);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`kiln: ${err.message}${err.exitCode === EXIT.usage ? "; see kiln --help" : ""}\n`);
      return err.exitCode;
    }
    io.err(`kiln: ${messageOf(err)}\n`);
    return EXIT.failed;
  }
}

function unknownCommand(name: string): CliError {
  return new CliError(`unknown command ${JSON.stringify(name)}`, "usage");
}

process.exitCode = await main(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
});
