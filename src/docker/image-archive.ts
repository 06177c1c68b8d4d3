import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DockerError } from "./docker-error.js";
import { formatDockerHost, type DockerHost } from "./docker-host.js";
import { dockerRequest } from "./docker-request.js";
import { engineStream, errorFromResponse, type EngineCallOptions } from "./engine-api.js";
import { messageOf } from "../shared/message-of.js";

export const imageArchiveDefaults = Object.freeze({
  /** A BuildKit image archive is ~100 MB: ten minutes, as for a pull, covers a slow disk without hanging a job. */
  timeoutMs: 600_000,
});

// containerd images/annotations.go AnnotationImageName: the name `docker load` (containerd image store) gives the
// image an index.json entry describes. Without it the image is loaded as a dangling `<none>` image.
const imageNameAnnotation = "io.containerd.image.name";

/**
 * Writes the named images as one `docker save` archive to `destFile` (`GET /images/get`), streamed to disk.
 * The file appears only once complete (written beside it, then renamed), so a failed or canceled save never
 * leaves a partial archive behind. Each ref pinned by digest (`name[:tag]@sha256:...`) gets its digest name in
 * index.json, as a pull by digest names it: the containerd image store's `/images/save` leaves such refs
 * unnamed (verified on Docker 26.1.5), and loading them back would give a `<none>` image that an inspect of
 * the pinned ref does not find.
 */
export async function saveImages(
  host: DockerHost,
  refs: readonly string[],
  destFile: string,
  options: EngineCallOptions = {},
): Promise<void> {
  const verb = `save ${refs.join(", ")}`;
  const { signal, deadline, timeoutMs } = bound(options);
  const path = `/images/get?${refs.map((r) => `names=${encodeURIComponent(r)}`).join("&")}`;
  const res = await engineStream(host, { method: "GET", path, verb, signal, timeoutMs });
  const tmp = `${destFile}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await pipeline(res, new IndexNamer(digestNames(refs)), createWriteStream(tmp, { mode: 0o644 }), { signal });
    await rename(tmp, destFile);
  } catch (cause) {
    res.destroy();
    await rm(tmp, { force: true });
    throw new DockerError(`failed to ${verb} to ${destFile}: ${reason(cause, signal, deadline, timeoutMs)}`, {
      cause,
    });
  }
}

/** What the daemon reported loading: "name:tag" or "name@digest" per named image, "sha256:..." per unnamed one. */
export interface LoadedImages {
  readonly images: readonly string[];
}

/**
 * Loads a `docker save` archive (`POST /images/load`), streamed from `srcFile`. The daemon reports failures
 * inside its JSON stream (`errorDetail`) after answering 200; those reject too, with the daemon's words.
 */
export async function loadImages(
  host: DockerHost,
  srcFile: string,
  options: EngineCallOptions = {},
): Promise<LoadedImages> {
  const verb = `load images from ${srcFile}`;
  const { signal, deadline, timeoutMs } = bound(options);
  const fail = (cause: unknown): DockerError =>
    cause instanceof DockerError
      ? cause
      : new DockerError(`failed to ${verb}: ${reason(cause, signal, deadline, timeoutMs)}`, { cause });
  try {
    const size = (await stat(srcFile)).size;
    const request = dockerRequest(host, {
      method: "POST",
      path: "/images/load?quiet=1",
      headers: { "Content-Type": "application/x-tar", "Content-Length": String(size) },
      signal,
    });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      request.once("response", resolve);
      request.once("error", (cause) => {
        const why = signal.aborted
          ? reason(cause, signal, deadline, timeoutMs)
          : `Docker daemon at ${formatDockerHost(host)}: ${cause.message}`;
        reject(new DockerError(`failed to ${verb}: ${why}`, { cause }));
      });
    });
    // The daemon may answer (an error) before reading the whole body: the response decides, not the upload.
    const sent = pipeline(createReadStream(srcFile), request).catch(() => undefined);
    const res = await answered;
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) throw await errorFromResponse(res, verb);
    const images: string[] = [];
    let failed: string | undefined;
    for await (const line of jsonLines(res)) {
      const msg = line as { error?: string; errorDetail?: { message?: string }; stream?: string };
      failed ??= msg.errorDetail?.message || msg.error || undefined;
      const loaded = /^Loaded image(?: ID)?: (.+)$/.exec(msg.stream?.trim() ?? "");
      if (loaded?.[1]) images.push(loaded[1]);
    }
    await sent;
    if (failed !== undefined) throw new DockerError(`failed to ${verb}: ${failed}`);
    if (signal.aborted) throw signal.reason;
    return { images };
  } catch (err) {
    throw fail(err);
  }
}

function bound(options: EngineCallOptions): { signal: AbortSignal; deadline: AbortSignal; timeoutMs: number } {
  const timeoutMs = options.timeoutMs ?? imageArchiveDefaults.timeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  return { signal, deadline, timeoutMs };
}

function reason(cause: unknown, signal: AbortSignal, deadline: AbortSignal, timeoutMs: number): string {
  if (deadline.aborted) return `no result within ${timeoutMs} ms`;
  if (signal.aborted) return "canceled";
  return messageOf(cause);
}

/** Parses a response of newline-separated JSON objects; lines that are not JSON are skipped. */
async function* jsonLines(res: IncomingMessage): AsyncGenerator<unknown> {
  let pending = "";
  res.setEncoding("utf8");
  for await (const chunk of res as AsyncIterable<string>) {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) yield parseOrSkip(line);
  }
  if (pending.trim()) yield parseOrSkip(pending);
}

function parseOrSkip(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return {};
  }
}

/**
 * Digest -> the fully qualified `name@digest` the daemon gives an image pulled by that digest
 * (distribution/reference ParseNormalizedNamed: no domain means docker.io, a one-part Docker Hub path means
 * library/; a tag next to a digest is dropped). Refs without a digest are named by `/images/get` itself.
 */
export function digestNames(refs: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const ref of refs) {
    const at = ref.indexOf("@");
    if (at < 0) continue;
    const digest = ref.slice(at + 1);
    let name = ref.slice(0, at);
    const slash = name.lastIndexOf("/");
    const colon = name.lastIndexOf(":");
    if (colon > slash) name = name.slice(0, colon);
    const first = name.split("/")[0] ?? "";
    const hasDomain = name.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
    if (!hasDomain) name = `docker.io/${name}`;
    if (name.startsWith("index.docker.io/")) name = `docker.io/${name.slice("index.docker.io/".length)}`;
    if (name.startsWith("docker.io/") && !name.slice("docker.io/".length).includes("/")) {
      name = `docker.io/library/${name.slice("docker.io/".length)}`;
    }
    names.set(digest, `${name}@${digest}`);
  }
  return names;
}

const block = 512;

/**
 * Passes a tar stream through, rewriting the top-level `index.json` entry so that each entry whose digest is in
 * `names` carries the image name annotation (existing names are kept). Everything else is copied byte for byte.
 * Fails when the stream ends before the archive's end marker, i.e. when the daemon broke off the export.
 */
class IndexNamer extends Transform {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  /** Bytes of the current entry's data (with padding) still to pass through, or to capture for index.json. */
  private remaining = 0;
  private capture: { header: Buffer; size: number } | undefined;
  private ended = false;

  constructor(private readonly names: ReadonlyMap<string, string>) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.consume(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (!this.ended) done(new Error("the archive ended early (no end-of-archive marker)"));
    else done();
  }

  private consume(chunk: Buffer): void {
    while (chunk.length > 0) {
      if (this.ended) {
        this.push(chunk);
        return;
      }
      if (this.remaining > 0 && !this.capture) {
        const n = Math.min(this.remaining, chunk.length);
        this.push(chunk.subarray(0, n));
        this.remaining -= n;
        chunk = chunk.subarray(n);
        continue;
      }
      const want = this.capture ? this.remaining : block;
      const n = Math.min(want - this.bufferedBytes, chunk.length);
      this.buffered.push(chunk.subarray(0, n));
      this.bufferedBytes += n;
      chunk = chunk.subarray(n);
      if (this.bufferedBytes < want) return;
      const whole = Buffer.concat(this.buffered);
      this.buffered = [];
      this.bufferedBytes = 0;
      if (this.capture) this.emitIndex(this.capture, whole);
      else this.header(whole);
    }
  }

  private header(h: Buffer): void {
    if (h.every((b) => b === 0)) {
      this.ended = true;
      this.push(h);
      return;
    }
    const size = tarSize(h);
    const padded = Math.ceil(size / block) * block;
    const name = h.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    const prefix = h.subarray(345, 500).toString("utf8").replace(/\0.*$/s, "");
    const typeflag = String.fromCharCode(h[156] ?? 0);
    const isIndex =
      !prefix && (name === "index.json" || name === "./index.json") && (typeflag === "0" || typeflag === "\0");
    // index.json is a few hundred bytes; anything large is not an OCI index and passes through untouched.
    if (isIndex && this.names.size > 0 && size <= 1 << 20) {
      this.capture = { header: h, size };
      this.remaining = padded;
      if (padded === 0) this.emitIndex(this.capture, Buffer.alloc(0));
      return;
    }
    this.push(h);
    this.remaining = padded;
  }

  private emitIndex(capture: { header: Buffer; size: number }, data: Buffer): void {
    this.capture = undefined;
    this.remaining = 0;
    let body = data.subarray(0, capture.size);
    try {
      const index = JSON.parse(body.toString("utf8")) as {
        manifests?: { digest?: unknown; annotations?: Record<string, string> }[];
      };
      let changed = false;
      for (const m of index.manifests ?? []) {
        const name = typeof m.digest === "string" ? this.names.get(m.digest) : undefined;
        if (!name || m.annotations?.[imageNameAnnotation]) continue;
        m.annotations = { ...m.annotations, [imageNameAnnotation]: name };
        changed = true;
      }
      if (changed) body = Buffer.from(JSON.stringify(index), "utf8");
    } catch {
      // Not JSON: not ours to fix; the archive passes through as the daemon wrote it.
    }
    const header = Buffer.from(capture.header);
    header.write(body.length.toString(8).padStart(11, "0") + "\0", 124, "ascii");
    header.write("        ", 148, "ascii");
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "ascii");
    this.push(header);
    this.push(body);
    const pad = (block - (body.length % block)) % block;
    if (pad > 0) this.push(Buffer.alloc(pad));
  }
}

/** The size field of a tar header: octal text, or GNU base-256 when its high bit is set. */
function tarSize(h: Buffer): number {
  if ((h[124] ?? 0) & 0x80) {
    let value = 0;
    for (let i = 125; i < 136; i++) value = value * 256 + (h[i] ?? 0);
    return value;
  }
  const text = h.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim();
  return text ? parseInt(text, 8) : 0;
}
