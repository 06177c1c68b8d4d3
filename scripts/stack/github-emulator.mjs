#!/usr/bin/env node
// A stand-in for GitHub's Actions results service, for Kiln's integration tests only (never shipped): the
// cache service v2 and artifact service v2 that @actions/cache, @actions/artifact and BuildKit's `type=gha`
// cache (tonistiigi/go-actions-cache) speak, as Twirp JSON under /twirp/github.actions.results.api.v1.*.
// Blobs go to the stack's Azurite through SAS-signed URLs, as GitHub hands out Azure SAS URLs.
//
// Written from the clients' code (the clients are the specification):
// - @actions/cache 6.x lib/internal/shared/cacheTwirpClient.js, lib/cache.js, generated/results/api/v1/cache.js
// - @actions/artifact 6.x lib/internal/shared/{artifact-twirp-client,util}.js, generated/.../artifact.js
// - tonistiigi/go-actions-cache cache.go + cache_v2.go (BuildKit v0.26's cache/remotecache/gha/gha.go)
//
// Token: a JWT (HS256 with the secret in --token-secret-file) whose claims carry what GitHub's runtime token
// carries: `ac`, a JSON string [{"Scope":"refs/heads/x","Permission":3}, ...] (1 read, 2 write; entries are
// written in the writable scope and read from every readable one, in the order listed), `scp` with
// "Actions.Results:<workflow run backend id>:<job run backend id>", and `nbf`/`exp`.
//
// Usage: node github-emulator.mjs --port 10090 --state-dir DIR --azurite-url URL --account NAME --key KEY
//          --token-secret-file FILE [--container NAME]
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  BlobSASPermissions,
  BlobServiceClient,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
} from "@azure/storage-blob";

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "10090" },
    "state-dir": { type: "string" },
    "azurite-url": { type: "string", default: "http://127.0.0.1:10000/devstoreaccount1" },
    account: { type: "string", default: "devstoreaccount1" },
    key: { type: "string" },
    container: { type: "string", default: "kiln-github-results" },
    "token-secret-file": { type: "string" },
  },
});
for (const required of ["state-dir", "key", "token-secret-file"]) {
  if (!opts[required]) {
    console.error(`github-emulator: --${required} is required`);
    process.exit(2);
  }
}
const PORT = Number(opts.port);
const STATE_FILE = path.join(opts["state-dir"], "state.json");
const TOKEN_SECRET = readFileSync(opts["token-secret-file"], "utf8").trim();
const CONTAINER = opts.container;
const SAS_LIFETIME_MS = 60 * 60 * 1000;

const PERMISSION_READ = 1;
const PERMISSION_WRITE = 2;

// ---------------------------------------------------------------------------------------------------------
// State: one JSON file, rewritten (tmp + rename) after every change.
/**
 * @typedef {{ id: number, key: string, version: string, scope: string, blob: string, sizeBytes: number,
 *   createdAt: string, finalized: boolean }} CacheEntry
 * @typedef {{ id: number, runId: string, jobId: string, name: string, blob: string, mimeType: string,
 *   size: number, digest: string | undefined, createdAt: string, expiresAt: string | undefined,
 *   finalized: boolean }} Artifact
 */
/** @type {{ nextId: number, caches: CacheEntry[], artifacts: Artifact[] }} */
let state = { nextId: 1, caches: [], artifacts: [] };
mkdirSync(opts["state-dir"], { recursive: true });
try {
  state = { ...state, ...JSON.parse(readFileSync(STATE_FILE, "utf8")) };
} catch (error) {
  if (error.code !== "ENOENT") log(`state file unreadable, starting empty: ${error.message}`);
}
function saveState() {
  const tmp = `${STATE_FILE}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 1));
  renameSync(tmp, STATE_FILE);
}
function nextId() {
  const id = state.nextId;
  state.nextId += 1;
  return id;
}

function log(message) {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Azurite.
const credential = new StorageSharedKeyCredential(opts.account, opts.key);
const service = new BlobServiceClient(opts["azurite-url"], credential);
const container = service.getContainerClient(CONTAINER);

function signedUrl(blob, permissions, extra = {}) {
  const sas = generateBlobSASQueryParameters(
    {
      containerName: CONTAINER,
      blobName: blob,
      permissions: BlobSASPermissions.parse(permissions),
      startsOn: new Date(Date.now() - 5 * 60 * 1000),
      expiresOn: new Date(Date.now() + SAS_LIFETIME_MS),
      ...extra,
    },
    credential,
  );
  return `${container.getBlockBlobClient(blob).url}?${sas.toString()}`;
}

/** The blob's size, or undefined when it does not exist (nothing was uploaded or committed). */
async function blobSize(blob) {
  try {
    const props = await container.getBlobClient(blob).getProperties();
    return props.contentLength ?? 0;
  } catch (error) {
    if (error.statusCode === 404) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Twirp plumbing. Errors are {"code","msg"} with the HTTP status Twirp maps the code to.
const TWIRP_STATUS = {
  invalid_argument: 400,
  malformed: 400,
  bad_route: 404,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  failed_precondition: 412,
  internal: 500,
};
class TwirpError extends Error {
  constructor(code, msg) {
    super(msg);
    this.code = code;
  }
}

/** A field by its proto name or its JSON (lowerCamel) name; protobuf JSON parsers accept both. */
function field(body, protoName) {
  if (protoName in body) return body[protoName];
  const camel = protoName.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  return body[camel];
}
/** google.protobuf wrapper values are bare JSON values; accept {value} too. */
function wrapped(value) {
  if (value !== null && typeof value === "object" && "value" in value) return value.value;
  return value;
}
function requireString(body, name) {
  const value = field(body, name);
  if (typeof value !== "string" || value === "") throw new TwirpError("invalid_argument", `${name} is required`);
  return value;
}

function base64urlJson(part) {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

/** Verifies the bearer token (HS256, nbf/exp) and returns its scopes and backend IDs. */
function authenticate(req) {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer (\S+)$/i.exec(header);
  if (!match) throw new TwirpError("unauthenticated", "missing bearer token");
  const parts = match[1].split(".");
  if (parts.length !== 3) throw new TwirpError("unauthenticated", "token is not a JWT");
  let head;
  let claims;
  try {
    head = base64urlJson(parts[0]);
    claims = base64urlJson(parts[1]);
  } catch {
    throw new TwirpError("unauthenticated", "token is not a JWT");
  }
  if (head.alg !== "HS256") throw new TwirpError("unauthenticated", `token algorithm ${head.alg} is not accepted`);
  const expected = createHmac("sha256", TOKEN_SECRET).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TwirpError("unauthenticated", "token signature is invalid");
  }
  const now = Date.now() / 1000;
  if (typeof claims.exp !== "number" || claims.exp < now) throw new TwirpError("unauthenticated", "token expired");
  if (typeof claims.nbf === "number" && claims.nbf > now + 60) {
    throw new TwirpError("unauthenticated", "token not valid yet");
  }
  let scopes = [];
  if (typeof claims.ac === "string") {
    try {
      scopes = JSON.parse(claims.ac).map((s) => ({ scope: String(s.Scope), permission: Number(s.Permission) }));
    } catch {
      throw new TwirpError("unauthenticated", "token access controls (ac) are not valid JSON");
    }
  }
  let runId;
  let jobId;
  for (const scp of String(claims.scp ?? "").split(" ")) {
    const p = scp.split(":");
    if (p[0] === "Actions.Results" && p.length === 3) [, runId, jobId] = p;
  }
  return { scopes, runId, jobId };
}

// ---------------------------------------------------------------------------------------------------------
// Cache service.
/**
 * GitHub's search order (docs, "Cache key matching"), per readable scope in token order: an exact match of
 * `key`, then the newest entry whose key starts with `key`, then each restore key as a prefix in turn; only
 * entries of the same version count.
 */
function findCacheEntry(scopes, key, restoreKeys, version) {
  for (const scope of scopes) {
    const candidates = state.caches
      .filter((e) => e.finalized && e.scope === scope && e.version === version)
      .sort((a, b) => b.id - a.id);
    const exact = candidates.find((e) => e.key === key);
    if (exact) return exact;
    for (const prefix of [key, ...restoreKeys]) {
      const hit = candidates.find((e) => e.key.startsWith(prefix));
      if (hit) return hit;
    }
  }
  return undefined;
}

const cacheMethods = {
  async CreateCacheEntry(body, auth) {
    const key = requireString(body, "key");
    const version = requireString(body, "version");
    const writable = auth.scopes.find((s) => (s.permission & PERMISSION_WRITE) !== 0);
    // @actions/cache: CACHE_WRITE_DENIED_PREFIX, reported in a 200 response with ok=false.
    if (!writable)
      return { ok: false, signed_upload_url: "", message: "cache write denied: token has no writable scopes" };
    const existing = state.caches.find((e) => e.scope === writable.scope && e.key === key && e.version === version);
    if (existing)
      throw new TwirpError("already_exists", "cache entry with the same key, version, and scope already exists");
    const id = nextId();
    const entry = {
      id,
      key,
      version,
      scope: writable.scope,
      blob: `caches/${id}`,
      sizeBytes: 0,
      createdAt: new Date().toISOString(),
      finalized: false,
    };
    state.caches.push(entry);
    saveState();
    return { ok: true, signed_upload_url: signedUrl(entry.blob, "cw") };
  },

  async FinalizeCacheEntryUpload(body, auth) {
    const key = requireString(body, "key");
    const version = requireString(body, "version");
    const sizeBytes = Number(field(body, "size_bytes") ?? 0);
    const writable = auth.scopes.find((s) => (s.permission & PERMISSION_WRITE) !== 0);
    if (!writable) return { ok: false, entry_id: "0", message: "cache write denied: token has no writable scopes" };
    const entry = state.caches.find(
      (e) => e.scope === writable.scope && e.key === key && e.version === version && !e.finalized,
    );
    if (!entry) throw new TwirpError("not_found", "no reserved cache entry with this key and version");
    const size = await blobSize(entry.blob);
    if (size === undefined) throw new TwirpError("failed_precondition", "the cache entry's blob was never uploaded");
    if (size !== sizeBytes) {
      throw new TwirpError("invalid_argument", `size_bytes ${sizeBytes} does not match the uploaded blob (${size})`);
    }
    entry.sizeBytes = size;
    entry.finalized = true;
    saveState();
    return { ok: true, entry_id: String(entry.id) };
  },

  async GetCacheEntryDownloadURL(body, auth) {
    const key = requireString(body, "key");
    const version = requireString(body, "version");
    const restoreKeys = field(body, "restore_keys") ?? [];
    if (!Array.isArray(restoreKeys)) throw new TwirpError("invalid_argument", "restore_keys must be a list");
    const readable = auth.scopes.filter((s) => (s.permission & PERMISSION_READ) !== 0).map((s) => s.scope);
    // @actions/cache: CacheReadDeniedMessagePrefix inside a PermissionDenied Twirp error.
    if (readable.length === 0)
      throw new TwirpError("permission_denied", "cache read denied: token has no readable scopes");
    const entry = findCacheEntry(readable, key, restoreKeys.map(String), version);
    if (!entry) return { ok: false, signed_download_url: "", matched_key: "" };
    return { ok: true, signed_download_url: signedUrl(entry.blob, "r"), matched_key: entry.key };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Artifact service.
/** The request's backend IDs must be the token's run (jobs of one run see each other's artifacts). */
function requireRun(body, auth, { sameJob = false } = {}) {
  const runId = requireString(body, "workflow_run_backend_id");
  const jobId = requireString(body, "workflow_job_run_backend_id");
  if (!auth.runId) throw new TwirpError("permission_denied", "token has no Actions.Results scope");
  if (runId !== auth.runId || (sameJob && jobId !== auth.jobId)) {
    throw new TwirpError("permission_denied", "token does not grant access to this workflow run or job");
  }
  return { runId, jobId };
}

function artifactJson(a) {
  return {
    workflow_run_backend_id: a.runId,
    workflow_job_run_backend_id: a.jobId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size),
    created_at: a.createdAt,
    ...(a.digest ? { digest: a.digest } : {}),
  };
}

function liveArtifacts(runId) {
  const now = new Date().toISOString();
  return state.artifacts.filter((a) => a.runId === runId && a.finalized && !(a.expiresAt && a.expiresAt < now));
}

const artifactMethods = {
  async CreateArtifact(body, auth) {
    const { runId, jobId } = requireRun(body, auth, { sameJob: true });
    const name = requireString(body, "name");
    const mimeType = String(wrapped(field(body, "mime_type")) ?? "application/zip");
    const expiresAt = wrapped(field(body, "expires_at"));
    if (liveArtifacts(runId).some((a) => a.name === name)) {
      throw new TwirpError("already_exists", "an artifact with this name already exists on the workflow run");
    }
    // An unfinalized upload of the same name (a retried or crashed upload) is replaced.
    state.artifacts = state.artifacts.filter((a) => !(a.runId === runId && a.name === name && !a.finalized));
    const id = nextId();
    const artifact = {
      id,
      runId,
      jobId,
      name,
      blob: `artifacts/${id}/${encodeURIComponent(name)}`,
      mimeType,
      size: 0,
      digest: undefined,
      createdAt: new Date().toISOString(),
      expiresAt: typeof expiresAt === "string" ? expiresAt : undefined,
      finalized: false,
    };
    state.artifacts.push(artifact);
    saveState();
    return { ok: true, signed_upload_url: signedUrl(artifact.blob, "cw") };
  },

  async FinalizeArtifact(body, auth) {
    const { runId } = requireRun(body, auth, { sameJob: true });
    const name = requireString(body, "name");
    const artifact = state.artifacts.find((a) => a.runId === runId && a.name === name && !a.finalized);
    if (!artifact) throw new TwirpError("not_found", "artifact not found");
    const size = await blobSize(artifact.blob);
    if (size === undefined) throw new TwirpError("failed_precondition", "the artifact's blob was never uploaded");
    artifact.size = size;
    const hash = wrapped(field(body, "hash"));
    artifact.digest = typeof hash === "string" && hash !== "" ? hash : undefined;
    artifact.finalized = true;
    saveState();
    return { ok: true, artifact_id: String(artifact.id) };
  },

  async ListArtifacts(body, auth) {
    const { runId } = requireRun(body, auth);
    const nameFilter = wrapped(field(body, "name_filter"));
    const idFilter = wrapped(field(body, "id_filter"));
    const artifacts = liveArtifacts(runId)
      .filter((a) => nameFilter === undefined || nameFilter === null || a.name === nameFilter)
      .filter((a) => idFilter === undefined || idFilter === null || String(a.id) === String(idFilter))
      .map(artifactJson);
    return { artifacts };
  },

  async GetSignedArtifactURL(body, auth) {
    const { runId } = requireRun(body, auth);
    const name = requireString(body, "name");
    const artifact = liveArtifacts(runId).find((a) => a.name === name);
    if (!artifact) throw new TwirpError("not_found", "artifact not found");
    // The blob keeps the content type the client uploaded with; the file name comes from the disposition.
    const disposition = `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;
    return { signed_url: signedUrl(artifact.blob, "r", { contentDisposition: disposition }) };
  },

  async DeleteArtifact(body, auth) {
    const { runId } = requireRun(body, auth);
    const name = requireString(body, "name");
    const artifact = liveArtifacts(runId).find((a) => a.name === name);
    if (!artifact) throw new TwirpError("not_found", "artifact not found");
    await container.getBlobClient(artifact.blob).deleteIfExists();
    state.artifacts = state.artifacts.filter((a) => a !== artifact);
    saveState();
    return { ok: true, artifact_id: String(artifact.id) };
  },
};

const SERVICES = {
  "github.actions.results.api.v1.CacheService": cacheMethods,
  "github.actions.results.api.v1.ArtifactService": artifactMethods,
};

// ---------------------------------------------------------------------------------------------------------
// HTTP.
function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

// Requests are handled one at a time: state changes are check-then-act across awaits (Azurite calls).
let queue = Promise.resolve();

async function handle(req, res) {
  const started = Date.now();
  const url = new URL(req.url ?? "/", "http://localhost");
  let status = 200;
  let note = "";
  try {
    if (req.method === "GET" && url.pathname === "/healthz") {
      send(res, 200, { ok: true });
      return;
    }
    if (req.method === "GET" && url.pathname === "/_emulator/state") {
      send(res, 200, state);
      return;
    }
    const match = /^\/twirp\/([\w.]+)\/(\w+)$/.exec(url.pathname);
    const methods = match ? SERVICES[match[1]] : undefined;
    const method = methods && Object.hasOwn(methods, match[2]) ? methods[match[2]] : undefined;
    if (req.method !== "POST" || !method) {
      throw new TwirpError("bad_route", `no handler for ${req.method} ${url.pathname}`);
    }
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) {
      throw new TwirpError("bad_route", "only application/json requests are served");
    }
    const text = await readBody(req);
    let body;
    try {
      body = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new TwirpError("malformed", "the request body is not JSON");
    }
    if (body === null || typeof body !== "object")
      throw new TwirpError("malformed", "the request body is not an object");
    const auth = authenticate(req);
    const result = await method(body, auth);
    note = `${match[2]} ${summarize(body, result)}`;
    send(res, 200, result);
  } catch (error) {
    const code = error instanceof TwirpError ? error.code : "internal";
    status = TWIRP_STATUS[code] ?? 500;
    note = `${code}: ${error.message}`;
    if (!res.headersSent) send(res, status, { code, msg: error.message });
  } finally {
    log(`${req.method} ${url.pathname} ${status} ${Date.now() - started}ms ${note}`);
  }
}

function summarize(body, result) {
  const parts = [];
  for (const name of ["key", "name"]) if (typeof body[name] === "string") parts.push(`${name}=${body[name]}`);
  if (typeof result.ok === "boolean") parts.push(`ok=${result.ok}`);
  if (result.matched_key) parts.push(`matched=${result.matched_key}`);
  if (Array.isArray(result.artifacts)) parts.push(`artifacts=${result.artifacts.length}`);
  return parts.join(" ");
}

await container.createIfNotExists();
const server = http.createServer((req, res) => {
  queue = queue.then(() => handle(req, res)).catch((error) => log(`unhandled: ${error.stack ?? error}`));
});
server.listen(PORT, "127.0.0.1", () => log(`listening on http://127.0.0.1:${PORT}/ (container ${CONTAINER})`));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    server.close();
    process.exit(0);
  });
}
