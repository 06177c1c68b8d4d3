import type { Agent as HttpAgent } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import type { Credentials } from "./credentials-for.js";
import { httpRequest } from "./http-request.js";
import { RegistryError } from "./registry-error.js";

/** A bearer token and when to stop using it (epoch milliseconds). */
export interface Token {
  readonly token: string;
  readonly expiresAt: number;
}

export interface FetchTokenOptions {
  readonly signal: AbortSignal;
  readonly userAgent: string;
  readonly agentFor: (url: URL) => HttpAgent | HttpsAgent;
  readonly maxRedirects: number;
}

// distribution docs/spec/auth/token.md: "expires_in ... defaults to 60 seconds"; renew a little early.
const DEFAULT_EXPIRES_IN_S = 60;
const RENEW_EARLY_MS = 10_000;
const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;
/** Sent as `client_id` to OAuth2 token endpoints. */
const CLIENT_ID = "kiln";

/**
 * Gets a bearer token from a token server (distribution docs/spec/auth/token.md and oauth.md):
 * an identity token (`username === ""`) is exchanged with an OAuth2 `refresh_token` POST; otherwise a GET with
 * `service` and every `scope`, with Basic credentials if there are any, anonymous if not.
 * Answers may carry `token` or `access_token` (both are allowed by the spec).
 */
export async function fetchToken(
  challenge: { readonly realm: string; readonly service?: string },
  scopes: readonly string[],
  credentials: Credentials | undefined,
  options: FetchTokenOptions,
): Promise<Token> {
  let realm: URL;
  try {
    realm = new URL(challenge.realm);
  } catch (err: unknown) {
    throw new RegistryError(`token realm ${JSON.stringify(challenge.realm)} is not a URL`, "invalid", { cause: err });
  }
  const headers: Record<string, string> = { "user-agent": options.userAgent, accept: "application/json" };
  const http = { ...options, maxBodyBytes: MAX_TOKEN_RESPONSE_BYTES };
  let res;
  if (credentials !== undefined && credentials.username === "") {
    const form = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: credentials.secret,
      client_id: CLIENT_ID,
    });
    if (challenge.service !== undefined) form.set("service", challenge.service);
    if (scopes.length > 0) form.set("scope", scopes.join(" "));
    res = await httpRequest(
      {
        method: "POST",
        url: realm,
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        body: Buffer.from(form.toString()),
      },
      http,
    );
  } else {
    const url = new URL(realm);
    if (challenge.service !== undefined) url.searchParams.set("service", challenge.service);
    for (const scope of scopes) url.searchParams.append("scope", scope);
    if (credentials !== undefined) {
      url.searchParams.set("account", credentials.username);
      headers["authorization"] =
        `Basic ${Buffer.from(`${credentials.username}:${credentials.secret}`).toString("base64")}`;
    }
    res = await httpRequest({ method: "GET", url, headers }, http);
  }

  if (res.status === 401 || res.status === 403) {
    throw new RegistryError(
      `token server ${realm.origin}${realm.pathname} refused ${credentials === undefined ? "anonymous access" : "the credentials"} (HTTP ${res.status})`,
      "unauthorized",
    );
  }
  if (res.status !== 200) {
    throw new RegistryError(
      `token server ${realm.origin}${realm.pathname} answered HTTP ${res.status}`,
      res.status >= 500 || res.status === 429 ? "unavailable" : "invalid",
    );
  }
  return parseTokenResponse(res.body, Date.now());
}

/** Reads `{token | access_token, expires_in?, issued_at?}`. */
export function parseTokenResponse(body: Uint8Array, now: number): Token {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch (err: unknown) {
    throw new RegistryError("token server answered with something that is not JSON", "invalid", { cause: err });
  }
  const field = (name: string): unknown =>
    typeof json === "object" && json !== null && name in json ? (json as Record<string, unknown>)[name] : undefined;
  const primary = field("token");
  const token = typeof primary === "string" && primary !== "" ? primary : field("access_token");
  if (typeof token !== "string" || token === "") {
    throw new RegistryError("token server answer has neither token nor access_token", "invalid");
  }
  const expiresIn = field("expires_in");
  const seconds = typeof expiresIn === "number" && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_S;
  const issuedAt = field("issued_at");
  const issued = typeof issuedAt === "string" && !Number.isNaN(Date.parse(issuedAt)) ? Date.parse(issuedAt) : now;
  return { token, expiresAt: Math.min(issued, now) + seconds * 1000 - RENEW_EARLY_MS };
}
