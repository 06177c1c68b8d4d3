/** Keys of what the main step saves for the post step (GITHUB_STATE). */
export const stateKeys = Object.freeze({
  /** Name of a BuildKit container this run started. */
  container: "container",
  dockerHost: "docker-host",
  /** The `cleanup` input: "false" keeps the builder for later steps. */
  cleanup: "cleanup",
  keepState: "keep-state",
  /** Builder images the main step found missing, which the post step saves to the runner cache once pulled. */
  imageCache: "image-cache",
  /** The step-times record this step wrote to RUNNER_TEMP, which the post step saves to the runner cache. */
  stepTimes: "step-times",
});
