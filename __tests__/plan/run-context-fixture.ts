import type { RunContext } from "../../src/plan/run-context.js";

/** The gha cache service v2 URL a hosted runner exposes. */
export const RESULTS_URL = "https://results-receiver.actions.githubusercontent.com/";
/** The provenance builder-id the fixture's run gets. */
export const RUN_URL = "https://github.com/octo/app/actions/runs/42/attempts/1";

/** A push run on a hosted runner with the gha cache service v2, as planning tests see it. */
export const RUN: RunContext = {
  workspace: "/work/repo",
  tempDir: "/tmp/runner",
  headCommitTime: 1_700_000_000,
  github: {
    serverUrl: "https://github.com",
    repository: "octo/app",
    runId: "42",
    runAttempt: "1",
    ref: "refs/heads/main",
    refName: "main",
    sha: "0123abc",
    workflow: "CI",
    eventName: "push",
  },
  ghaCache: {
    ACTIONS_RUNTIME_TOKEN: "runtime-token",
    ACTIONS_RESULTS_URL: RESULTS_URL,
    ACTIONS_CACHE_SERVICE_V2: "True",
  },
  aws: {},
  azure: {},
  lookupEnv: (name) => ({ NPM_TOKEN: "npm-secret" })[name],
};
