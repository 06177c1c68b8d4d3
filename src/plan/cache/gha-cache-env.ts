import { parseGoBool } from "../values/parse-bool.js";

/** The runner variables the GitHub Actions cache needs; the runner gives them to every JavaScript action. */
export interface GhaCacheVars {
  readonly ACTIONS_CACHE_URL?: string;
  readonly ACTIONS_RESULTS_URL?: string;
  readonly ACTIONS_RUNTIME_TOKEN?: string;
  readonly ACTIONS_CACHE_SERVICE_V2?: string;
}

/**
 * Which cache service this job can use, and how BuildKit reaches it. BuildKit's `gha` backend reads `url`,
 * `url_v2`, `token` and `version` attributes only: the client must fill them from its own environment
 * (docker/buildx build/opt.go `addGithubToken`).
 */
export type GhaCacheService =
  /** Cache service v2 (Twirp at ACTIONS_RESULTS_URL), BuildKit v0.20+. `url` is kept for older daemons. */
  | { readonly version: 2; readonly urlV2: string; readonly url: string; readonly token: string }
  /** The legacy v1 REST service at ACTIONS_CACHE_URL; GitHub retired it on github.com on 2025-04-15. */
  | { readonly version: 1; readonly url: string; readonly token: string }
  | { readonly version: undefined; readonly reason: string };

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === "" ? undefined : v);

/**
 * Detects the cache service as buildx does, with one difference: without ACTIONS_CACHE_SERVICE_V2 but with only
 * ACTIONS_RESULTS_URL, buildx passes it as `url` and lets BuildKit guess the version from the host name; since
 * v1 is retired, this picks v2 outright.
 * - v2 when ACTIONS_CACHE_SERVICE_V2 parses as true (Go `strconv.ParseBool`, as buildx reads it) and
 *   ACTIONS_RESULTS_URL is set: `url_v2` = ACTIONS_RESULTS_URL, `url` = ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL.
 * - v1 when only ACTIONS_CACHE_URL is set (GitHub Enterprise Server, which has no v2).
 * - unavailable without ACTIONS_RUNTIME_TOKEN (outside a job, or in a `run:` step's environment) or any URL.
 */
export function detectGhaCache(vars: GhaCacheVars): GhaCacheService {
  const token = nonEmpty(vars.ACTIONS_RUNTIME_TOKEN);
  const cacheUrl = nonEmpty(vars.ACTIONS_CACHE_URL);
  const resultsUrl = nonEmpty(vars.ACTIONS_RESULTS_URL);
  if (token === undefined) {
    return {
      version: undefined,
      reason: "ACTIONS_RUNTIME_TOKEN is not set (the cache works only inside a GitHub Actions job)",
    };
  }
  const v2 = parseGoBool(vars.ACTIONS_CACHE_SERVICE_V2 ?? "") === true;
  if (resultsUrl !== undefined && (v2 || cacheUrl === undefined)) {
    return { version: 2, urlV2: resultsUrl, url: cacheUrl ?? resultsUrl, token };
  }
  if (cacheUrl !== undefined) return { version: 1, url: cacheUrl, token };
  return { version: undefined, reason: "neither ACTIONS_RESULTS_URL nor ACTIONS_CACHE_URL is set" };
}

/**
 * The default `scope`: one per workflow, so different workflows (building different images) keep apart. No ref:
 * BuildKit's gha backend already keeps branches apart by the runtime token's cache scopes (a job writes only to
 * its own ref's entries and reads its own ref's, then the default branch's: actions/cache "cache isolation"), so a
 * new branch or pull request reads the default branch's cache under the same scope name and starts warm. With the
 * ref in the name, every new branch started cold. Characters other than letters, digits, `.`, `_` and `-` become
 * `-`; BuildKit's own default (`buildkit`) when there is no workflow name.
 */
export function defaultGhaScope(workflow: string | undefined): string {
  const clean = (workflow ?? "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return clean === "" ? "buildkit" : clean;
}
