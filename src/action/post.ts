import * as core from "@actions/core";
import { removeBuilder } from "../builder/docker-container/index.js";
import { parseDockerHost } from "../docker/index.js";
import { stateKeys } from "./state.js";
import { messageOf } from "../shared/message-of.js";

/** The post step: removes the BuildKit container main started, unless `cleanup: false`. Never fails the job. */
async function post(): Promise<void> {
  const dockerHost = parseDockerHost(core.getState(stateKeys.dockerHost) || undefined);
  const saveImages = async (): Promise<void> => {
    try {
      const imageState = core.getState(stateKeys.imageCache);
      if (imageState) {
        const { saveImagesFromState } = await import("./runner-cache/index.js");
        await saveImagesFromState(imageState, dockerHost, (line) => core.info(line));
      }
    } catch (err) {
      core.warning(`could not save builder images to the runner cache: ${messageOf(err)}`);
    }
  };
  // A few hundred bytes; saved alongside the images rather than after them. Never throws (it only logs).
  const saveStepTimes = async (): Promise<void> => {
    const state = core.getState(stateKeys.stepTimes);
    if (!state) return;
    const { saveStepTimes: save } = await import("./runner-cache/index.js");
    await save(state, (line) => core.info(line));
  };
  await Promise.all([saveImages(), saveStepTimes().catch(() => {})]);
  const container = core.getState(stateKeys.container);
  if (!container || core.getState(stateKeys.cleanup) === "false") return;
  const name = container.replace(/^kiln_buildkit_/, "");
  try {
    await removeBuilder(dockerHost, name, {
      keepState: core.getState(stateKeys.keepState) === "true",
    });
    core.info(`removed builder ${container}`);
  } catch (err) {
    core.warning(`could not remove builder ${container}: ${messageOf(err)}`);
  }
}

await post();
