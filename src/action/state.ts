/** Keys of what the main step saves for the post step (GITHUB_STATE). */
export const stateKeys = Object.freeze({
  /** Name of a BuildKit container this run started. */
  container: "container",
  dockerHost: "docker-host",
  /** The `cleanup` input: "false" keeps the builder for later steps. */
  cleanup: "cleanup",
  keepState: "keep-state",
});
