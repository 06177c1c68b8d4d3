import { describe, expect, test } from "vitest";
import { defaultGhaScope, detectGhaCache } from "../../src/plan/cache/gha-cache-env.js";

const CACHE_URL = "https://artifactcache.actions.githubusercontent.com/abc/";
const RESULTS_URL = "https://results-receiver.actions.githubusercontent.com/";

describe("detectGhaCache finds the cache service the way buildx does", () => {
  test.each([
    [
      "v2 when ACTIONS_CACHE_SERVICE_V2 is true",
      {
        ACTIONS_RUNTIME_TOKEN: "tok",
        ACTIONS_RESULTS_URL: RESULTS_URL,
        ACTIONS_CACHE_URL: CACHE_URL,
        ACTIONS_CACHE_SERVICE_V2: "True",
      },
      { version: 2, urlV2: RESULTS_URL, url: CACHE_URL, token: "tok" },
    ],
    [
      "v2 with url = the results URL when there is no cache URL",
      { ACTIONS_RUNTIME_TOKEN: "tok", ACTIONS_RESULTS_URL: RESULTS_URL, ACTIONS_CACHE_SERVICE_V2: "1" },
      { version: 2, urlV2: RESULTS_URL, url: RESULTS_URL, token: "tok" },
    ],
    [
      "v2 when only the results URL is there, even without the flag (v1 is retired)",
      { ACTIONS_RUNTIME_TOKEN: "tok", ACTIONS_RESULTS_URL: RESULTS_URL },
      { version: 2, urlV2: RESULTS_URL, url: RESULTS_URL, token: "tok" },
    ],
    [
      "v1 when only the cache URL is set (GitHub Enterprise Server)",
      { ACTIONS_RUNTIME_TOKEN: "tok", ACTIONS_CACHE_URL: CACHE_URL },
      { version: 1, url: CACHE_URL, token: "tok" },
    ],
    [
      "v1 when the flag is false, though both URLs are set",
      {
        ACTIONS_RUNTIME_TOKEN: "tok",
        ACTIONS_CACHE_URL: CACHE_URL,
        ACTIONS_RESULTS_URL: RESULTS_URL,
        ACTIONS_CACHE_SERVICE_V2: "false",
      },
      { version: 1, url: CACHE_URL, token: "tok" },
    ],
    [
      "v1 when the flag is set but the results URL is missing",
      { ACTIONS_RUNTIME_TOKEN: "tok", ACTIONS_CACHE_URL: CACHE_URL, ACTIONS_CACHE_SERVICE_V2: "true" },
      { version: 1, url: CACHE_URL, token: "tok" },
    ],
    [
      "unavailable without a runtime token",
      { ACTIONS_RESULTS_URL: RESULTS_URL, ACTIONS_CACHE_SERVICE_V2: "true" },
      {
        version: undefined,
        reason: "ACTIONS_RUNTIME_TOKEN is not set (the cache works only inside a GitHub Actions job)",
      },
    ],
    [
      "unavailable with an empty runtime token",
      { ACTIONS_RUNTIME_TOKEN: "", ACTIONS_CACHE_URL: CACHE_URL },
      {
        version: undefined,
        reason: "ACTIONS_RUNTIME_TOKEN is not set (the cache works only inside a GitHub Actions job)",
      },
    ],
    [
      "unavailable without any URL",
      { ACTIONS_RUNTIME_TOKEN: "tok" },
      { version: undefined, reason: "neither ACTIONS_RESULTS_URL nor ACTIONS_CACHE_URL is set" },
    ],
  ])("%s", (_name, vars, expected) => {
    expect(detectGhaCache(vars)).toStrictEqual(expected);
  });
});

describe("defaultGhaScope is one scope per workflow, whatever the ref", () => {
  // The ref is left out so that a new branch reads the default branch's entries under the same scope (BuildKit's
  // gha backend and the cache service keep branches' writes apart by the token's scopes).
  test.each([
    ["CI", "CI"],
    ["Build & push", "Build-push"],
    [" CI / nightly ", "CI-nightly"],
    [undefined, "buildkit"],
    ["", "buildkit"],
  ])("%s is %s", (workflow, expected) => {
    expect(defaultGhaScope(workflow)).toBe(expected);
  });
});
