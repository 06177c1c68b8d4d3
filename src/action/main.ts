import { getInput } from "./runner-commands.js";
import { Preconnection } from "../builder/preconnect.js";
import { INPUT_NAMES } from "../plan/inputs.js";

// A remote builder (the inputs name it: nothing to start or look up first) is dialled before the rest of the step
// loads: the connection and the daemon's first answers overlap compiling and running the planning code, which
// otherwise all came first. This module imports only what that takes; the step itself is a chunk of its own.
// TLS options come from driver-opts, which only planning parses: such a builder connects when the plan is made.
const preconnected =
  getInput(INPUT_NAMES.driver) === "remote" && getInput(INPUT_NAMES.driverOpts) === ""
    ? Preconnection.open(getInput(INPUT_NAMES.endpoint))
    : undefined;
try {
  const { runMainStep } = await import("./main-step.js");
  await runMainStep(preconnected);
} finally {
  await preconnected?.close();
}
