import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { rootCertificates } from "node:tls";
import type { Credentials } from "./credentials-for.js";
import type { CredentialStore } from "./docker-credential-store.js";
import { httpRequest, type HttpRequest, type HttpResponse } from "./http-request.js";
import { parseWwwAuthenticate, type AuthChallenge } from "./parse-www-authenticate.js";
import { registryApiHost } from "./parse-reference.js";
import { RegistryError } from "./registry-error.js";
import { hostConfigFor, schemeFor, type RegistryHosts } from "./scheme-for.js";
import { fetchToken, type Token } from "./fetch-token.js";

export interface RegistryTransportOptions {
  readonly credentials?: CredentialStore;
  readonly hosts?: RegistryHosts;
  readonly userAgent: string;
  readonly maxRedirects: number;
}

/** Which repository a request is for and what it needs there; turned into token scopes. */
export interface RegistryTarget {
  /** Registry as in references (`docker.io`, `127.0.0.1:5000`). */
  readonly registry: string;
  readonly repository: string;
  readonly actions: readonly ("pull" | "push")[];
  /** More scopes, e.g. `repository:<from>:pull` for a cross-repository mount. */
  readonly extraScopes?: readonly string[];
}

export interface TransportRequest extends Omit<HttpRequest, "url"> {
  /** A path on the registry (`/v2/...`) or an absolute URL (an upload `Location`). */
  readonly url: string | URL;
}

/**
 * HTTP to registries with the distribution auth flow: a request goes out anonymously, or with what worked
 * before on that host; on 401 the `WWW-Authenticate` challenge says Basic (send credentials) or Bearer (get a
 * token from the realm for the request's scopes, cached per scope set until it expires); then it is retried
 * once. Keeps one connection pool per scheme and CA: call `close()` when done.
 */
export class RegistryTransport {
  readonly #options: RegistryTransportOptions;
  readonly #challenges = new Map<string, AuthChallenge>();
  readonly #tokens = new Map<string, Token>();
  readonly #httpAgent = new HttpAgent({ keepAlive: true });
  readonly #httpsAgents = new Map<string, HttpsAgent>();
  /** The scheme each `insecure` host answered to, learned on the first request to it. */
  readonly #learned = new Map<string, Promise<"http" | "https">>();

  constructor(options: RegistryTransportOptions) {
    this.#options = options;
  }

  /** The origin (`http://127.0.0.1:5000`) of a registry's API. */
  origin(registry: string): string {
    const host = registryApiHost(registry);
    return `${schemeFor(host, this.#options.hosts)}://${host}`;
  }

  /**
   * The origin, after asking an `insecure` host whether it speaks TLS: `GET /v2/` over TLS without verification;
   * a TLS handshake that fails because the other end answered in plain HTTP means http (as BuildKit's resolver,
   * configured with http and insecure, tries https then http).
   */
  async #originFor(registry: string, signal: AbortSignal): Promise<string> {
    const host = registryApiHost(registry);
    const config = hostConfigFor(host, this.#options.hosts);
    if (!config.insecure || config.scheme !== undefined) return this.origin(registry);
    let learned = this.#learned.get(host);
    if (learned === undefined) {
      const probe = { method: "GET" as const, url: new URL(`https://${host}/v2/`), headers: {} };
      learned = httpRequest(probe, {
        signal,
        maxBodyBytes: 64 * 1024,
        agentFor: (u) => this.#agentFor(u),
        maxRedirects: 0,
      }).then(
        () => "https" as const,
        (err: unknown) => (speaksPlainHttp(err) ? ("http" as const) : ("https" as const)),
      );
      this.#learned.set(host, learned);
    }
    return `${await learned}://${host}`;
  }

  async request(
    target: RegistryTarget,
    req: TransportRequest,
    opts: { readonly signal: AbortSignal; readonly maxBodyBytes: number },
  ): Promise<HttpResponse> {
    const host = registryApiHost(target.registry);
    const url =
      req.url instanceof URL ? req.url : new URL(req.url, await this.#originFor(target.registry, opts.signal));
    const scopes = [`repository:${target.repository}:${target.actions.join(",")}`, ...(target.extraScopes ?? [])];
    const send = (authorization: string | undefined): Promise<HttpResponse> =>
      httpRequest(
        {
          ...req,
          url,
          headers: {
            "user-agent": this.#options.userAgent,
            ...req.headers,
            ...(authorization === undefined ? {} : { authorization }),
          },
        },
        { ...opts, agentFor: (u) => this.#agentFor(u), maxRedirects: this.#options.maxRedirects },
      );

    const known = this.#challenges.get(host);
    const first = known === undefined ? undefined : await this.#authorize(host, known, scopes, opts.signal);
    const res = await send(first?.header);
    if (res.status !== 401) return res;

    const challenge = pickChallenge(res.headersDistinct["www-authenticate"] ?? []);
    if (challenge === undefined) {
      throw new RegistryError(`${host} answered 401 without a Basic or Bearer challenge`, "unauthorized");
    }
    this.#challenges.set(host, challenge);
    const scopesWithHint =
      challenge.scheme === "bearer" && challenge.scope !== undefined && !scopes.includes(challenge.scope)
        ? [...scopes, challenge.scope]
        : scopes;
    if (first?.tokenKey !== undefined) this.#tokens.delete(first.tokenKey);
    const second = await this.#authorize(host, challenge, scopesWithHint, opts.signal);
    if (second.header === undefined) throw refused(host, undefined);
    if (second.header === first?.header && second.tokenKey === undefined) {
      throw refused(host, second.credentials);
    }
    const retried = await send(second.header);
    if (retried.status === 401) throw refused(host, second.credentials);
    return retried;
  }

  /** Closes pooled connections. The transport stays usable; new requests open new connections. */
  close(): void {
    this.#httpAgent.destroy();
    for (const agent of this.#httpsAgents.values()) agent.destroy();
    this.#httpsAgents.clear();
  }

  async #authorize(
    host: string,
    challenge: AuthChallenge,
    scopes: readonly string[],
    signal: AbortSignal,
  ): Promise<{ header?: string; tokenKey?: string; credentials?: Credentials }> {
    const credentials = await this.#options.credentials?.get(host, { signal });
    switch (challenge.scheme) {
      case "basic":
        if (credentials === undefined || credentials.username === "") return {};
        return {
          header: `Basic ${Buffer.from(`${credentials.username}:${credentials.secret}`).toString("base64")}`,
          credentials,
        };
      case "bearer": {
        const sorted = [...new Set(scopes)].sort();
        const tokenKey = JSON.stringify([challenge.realm, challenge.service ?? "", sorted]);
        let token = this.#tokens.get(tokenKey);
        if (token === undefined || token.expiresAt <= Date.now()) {
          token = await fetchToken(
            { realm: challenge.realm, ...(challenge.service === undefined ? {} : { service: challenge.service }) },
            sorted,
            credentials,
            {
              signal,
              userAgent: this.#options.userAgent,
              agentFor: (u) => this.#agentFor(u),
              maxRedirects: this.#options.maxRedirects,
            },
          );
          this.#tokens.set(tokenKey, token);
        }
        return { header: `Bearer ${token.token}`, tokenKey, ...(credentials === undefined ? {} : { credentials }) };
      }
      case "unsupported":
        return {};
    }
  }

  #agentFor(url: URL): HttpAgent | HttpsAgent {
    if (url.protocol !== "https:") return this.#httpAgent;
    const { caPem, insecure } = hostConfigFor(url.host, this.#options.hosts);
    if (insecure) {
      let agent = this.#httpsAgents.get("\0insecure");
      if (agent === undefined) {
        // The user declared this host insecure: its certificate is not checked, as BuildKit's insecure = true.
        agent = new HttpsAgent({ keepAlive: true, rejectUnauthorized: false });
        this.#httpsAgents.set("\0insecure", agent);
      }
      return agent;
    }
    const key = caPem ?? "";
    let agent = this.#httpsAgents.get(key);
    if (agent === undefined) {
      // Like docker's certs.d: the registry's CA is trusted in addition to the usual roots.
      agent = new HttpsAgent({ keepAlive: true, ...(caPem === undefined ? {} : { ca: [...rootCertificates, caPem] }) });
      this.#httpsAgents.set(key, agent);
    }
    return agent;
  }
}

/** Bearer is preferred over Basic when a registry offers both. */
function pickChallenge(values: readonly string[]): AuthChallenge | undefined {
  const challenges = parseWwwAuthenticate(values);
  return challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
}

function refused(host: string, credentials: Credentials | undefined): RegistryError {
  if (credentials === undefined) {
    return new RegistryError(
      `${host} requires authentication and there are no credentials for it: log in (docker login ${host}) or pass credentials`,
      "unauthorized",
    );
  }
  const who =
    credentials.username === ""
      ? "the identity token"
      : `the credentials of user ${JSON.stringify(credentials.username)}`;
  return new RegistryError(`${host} refused ${who} (HTTP 401)`, "unauthorized");
}

/** True when a TLS handshake failed because the server answered in plain HTTP (OpenSSL's "wrong version number"). */
function speaksPlainHttp(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (
      code === "EPROTO" ||
      code === "ERR_SSL_WRONG_VERSION_NUMBER" ||
      /wrong version number|packet length too long/i.test(e.message)
    )
      return true;
  }
  return false;
}
