// A small in-process registry for unit tests: enough of the distribution API and its auth flows to check what
// the client sends, with switches to misbehave. Real registries are exercised in itg/registry/.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRegistryOptions {
  auth?: "none" | "basic" | "bearer";
  /** user -> password */
  users?: Record<string, string>;
  /** Refresh tokens accepted by the OAuth2 POST. */
  refreshTokens?: string[];
  tokenField?: "token" | "access_token";
  /** Give anonymous callers a token (pull only), like Docker Hub. */
  anonymousPull?: boolean;
  referrersApi?: boolean;
}

export interface Logged {
  method: string;
  url: string;
  authorization?: string;
  accept?: string;
}

export class FakeRegistry {
  readonly log: Logged[] = [];
  readonly tokenRequests: { method: string; url: string; body: string; authorization?: string }[] = [];
  readonly manifests = new Map<string, { bytes: Buffer; type: string }>();
  readonly blobs = new Map<string, Buffer>();
  /** Override an answer: return true when handled. */
  intercept: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  readonly #server: Server;
  readonly #options: FakeRegistryOptions;
  readonly #tokens = new Map<string, string[]>(); // token -> scopes
  #uploads = 0;

  private constructor(options: FakeRegistryOptions) {
    this.#options = options;
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.#handle(req, res, Buffer.concat(chunks)));
    });
  }

  static async start(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
    const r = new FakeRegistry(options);
    await new Promise<void>((resolve) => r.#server.listen(0, "127.0.0.1", resolve));
    return r;
  }

  get host(): string {
    return `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Open client connections. */
  connections(): Promise<number> {
    return new Promise((resolve, reject) => this.#server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  putManifest(repo: string, ref: string, bytes: Buffer, type: string): string {
    const digest = sha256(bytes);
    this.manifests.set(`${repo}@${digest}`, { bytes, type });
    this.manifests.set(`${repo}@${ref}`, { bytes, type });
    return digest;
  }

  #handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? "/", `http://${this.host}`);
    if (url.pathname === "/token") return this.#token(req, res, url, body);
    this.log.push({
      method: req.method ?? "",
      url: `${url.pathname}${url.search}`,
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
      ...(req.headers.accept === undefined ? {} : { accept: req.headers.accept }),
    });
    if (this.intercept?.(req, res) === true) return;
    const m = /^\/v2\/(.+?)\/(manifests|blobs|tags|referrers)\/(.*)$/.exec(url.pathname);
    if (m === null) return send(res, 404, "404 page not found\n");
    const [, repo = "", kind, rest = ""] = m;
    const push = req.method === "PUT" || req.method === "POST" || req.method === "PATCH";
    if (!this.#authorized(req, res, repo, push ? "pull,push" : "pull")) return;

    if (kind === "manifests") {
      if (req.method === "PUT") {
        const digest = this.putManifest(repo, rest, body, req.headers["content-type"] ?? "");
        return send(res, 201, "", { "docker-content-digest": digest, location: `/v2/${repo}/manifests/${digest}` });
      }
      const found = this.manifests.get(`${repo}@${rest}`);
      if (found === undefined) return sendError(res, 404, "MANIFEST_UNKNOWN", "manifest unknown");
      const headers = { "content-type": found.type, "docker-content-digest": sha256(found.bytes) };
      return req.method === "HEAD"
        ? send(res, 200, "", { ...headers, "content-length": String(found.bytes.length) })
        : send(res, 200, found.bytes, headers);
    }
    if (kind === "blobs") {
      if (rest === "uploads/" && req.method === "POST") {
        const mount = url.searchParams.get("mount");
        if (mount !== null && this.blobs.has(mount))
          return send(res, 201, "", { location: `/v2/${repo}/blobs/${mount}` });
        return send(res, 202, "", { location: `/v2/${repo}/blobs/uploads/u${++this.#uploads}?_state=a%3Db` });
      }
      if (rest.startsWith("uploads/") && req.method === "PUT") {
        const digest = url.searchParams.get("digest") ?? "";
        if (url.searchParams.get("_state") !== "a=b") return sendError(res, 400, "BLOB_UPLOAD_INVALID", "lost state");
        if (sha256(body) !== digest) return sendError(res, 400, "DIGEST_INVALID", "digest mismatch");
        this.blobs.set(digest, body);
        return send(res, 201, "", { "docker-content-digest": digest });
      }
      const blob = this.blobs.get(rest);
      if (blob === undefined) return sendError(res, 404, "BLOB_UNKNOWN", "blob unknown to registry");
      return req.method === "HEAD"
        ? send(res, 200, "", { "content-length": String(blob.length) })
        : send(res, 200, blob);
    }
    if (kind === "referrers") {
      if (this.#options.referrersApi !== true) return send(res, 404, "404 page not found\n");
      const manifests = [...this.manifests.entries()]
        .filter(
          ([key, v]) => key.startsWith(`${repo}@sha256:`) && JSON.parse(v.bytes.toString()).subject?.digest === rest,
        )
        .map(([key, v]) => ({
          mediaType: v.type,
          digest: key.slice(repo.length + 1),
          size: v.bytes.length,
          artifactType: JSON.parse(v.bytes.toString()).artifactType,
        }));
      return send(
        res,
        200,
        JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests }),
        {
          "content-type": "application/vnd.oci.image.index.v1+json",
        },
      );
    }
    // tags/list, two per page
    const all = [...this.manifests.keys()]
      .filter((k) => k.startsWith(`${repo}@`) && !k.startsWith(`${repo}@sha256:`))
      .map((k) => k.slice(repo.length + 1))
      .sort();
    const last = url.searchParams.get("last");
    const page = all.filter((t) => last === null || t > last).slice(0, 2);
    const more = all.length > 0 && page.length > 0 && page[page.length - 1] !== all[all.length - 1];
    return send(res, 200, JSON.stringify({ name: repo, tags: page }), {
      "content-type": "application/json",
      ...(more ? { link: `</v2/${repo}/tags/list?n=2&last=${page[page.length - 1]}>; rel="next"` } : {}),
    });
  }

  #authorized(req: IncomingMessage, res: ServerResponse, repo: string, actions: string): boolean {
    const auth = this.#options.auth ?? "none";
    const header = req.headers.authorization ?? "";
    if (auth === "none") return true;
    if (auth === "basic") {
      const [user, pass] = Buffer.from(header.replace(/^Basic /, ""), "base64")
        .toString()
        .split(":");
      if (header.startsWith("Basic ") && user !== undefined && this.#options.users?.[user] === pass) return true;
      sendError(res, 401, "UNAUTHORIZED", "authentication required", { "www-authenticate": 'Basic realm="fake"' });
      return false;
    }
    const scopes = this.#tokens.get(header.replace(/^Bearer /, "")) ?? [];
    const granted = actions.split(",").every((action) =>
      scopes.some((scope) => {
        const [type, name, allowed = ""] = scope.split(":");
        return type === "repository" && name === repo && allowed.split(",").includes(action);
      }),
    );
    if (header.startsWith("Bearer ") && granted) return true;
    sendError(res, 401, "UNAUTHORIZED", "authentication required", {
      "www-authenticate": `Bearer realm="http://${this.host}/token",service="fake",scope="repository:${repo}:${actions}"`,
    });
    return false;
  }

  #token(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
    this.tokenRequests.push({
      method: req.method ?? "",
      url: `${url.pathname}${url.search}`,
      body: body.toString(),
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
    });
    let scopes: string[];
    let user: string | undefined;
    if (req.method === "POST") {
      const form = new URLSearchParams(body.toString());
      if (
        form.get("grant_type") !== "refresh_token" ||
        !(this.#options.refreshTokens ?? []).includes(form.get("refresh_token") ?? "")
      ) {
        return send(res, 401, JSON.stringify({ error: "invalid_grant" }));
      }
      scopes = (form.get("scope") ?? "").split(" ");
      user = "oauth";
    } else {
      scopes = url.searchParams.getAll("scope");
      const header = req.headers.authorization;
      if (header !== undefined) {
        const [u, p] = Buffer.from(header.replace(/^Basic /, ""), "base64")
          .toString()
          .split(":");
        if (u === undefined || this.#options.users?.[u] !== p)
          return send(res, 401, JSON.stringify({ details: "bad creds" }));
        user = u;
      }
    }
    if (user === undefined) {
      if (this.#options.anonymousPull !== true) return send(res, 401, "{}");
      scopes = scopes.map((s) => s.replace(/:[^:]*$/, ":pull"));
    }
    const token = `t${this.#tokens.size + 1}`;
    this.#tokens.set(token, scopes);
    const field = this.#options.tokenField ?? "token";
    send(res, 200, JSON.stringify({ [field]: token, expires_in: 300 }), { "content-type": "application/json" });
  }
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end(body);
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify({ errors: [{ code, message }] }), {
    "content-type": "application/json",
    ...headers,
  });
}
