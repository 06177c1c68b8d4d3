import * as runner from "./runner-commands.js";
import { removeBuilder } from "../builder/docker-container/index.js";
import { parseDockerHost } from "../docker/index.js";
import { stateKeys } from "./state.js";
import { messageOf } from "../shared/message-of.js";

/** The post step: removes the BuildKit container main started, unless `cleanup: false`. Never fails the job. */
async function post(): Promise<void> {
  const dockerHost = parseDockerHost(runner.getState(stateKeys.dockerHost) || undefined);
  const saveImages = async (): Promise<void> => {
    try {
      const imageState = runner.getState(stateKeys.imageCache);
      if (imageState) {
        const { saveImagesFromState } = await import("./runner-cache/index.js");
        await saveImagesFromState(imageState, dockerHost, (line) => runner.info(line));
      }
    } catch (err) {
      runner.warning(`could not save builder images to the runner cache: ${messageOf(err)}`);
    }
  };
  // A few hundred bytes; saved alongside the images rather than after them. Never throws (it only logs).
  const saveStepTimes = async (): Promise<void> => {
    const state = runner.getState(stateKeys.stepTimes);
    if (!state) return;
    const { saveStepTimes: save } = await import("./runner-cache/index.js");
    await save(state, (line) => runner.info(line));
  };
  await Promise.all([saveImages(), saveStepTimes().catch(() => {})]);
  const container = runner.getState(stateKeys.container);
  if (!container || runner.getState(stateKeys.cleanup) === "false") return;
  const name = container.replace(/^kiln_buildkit_/, "");
  try {
    await removeBuilder(dockerHost, name, {
      keepState: runner.getState(stateKeys.keepState) === "true",
    });
    runner.info(`removed builder ${container}`);
  } catch (err) {
    runner.warning(`could not remove builder ${container}: ${messageOf(err)}`);
  }
}

await post();
