export const id = 585;
export const ids = [585];
export const modules = {

/***/ 7585:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  saveImagesFromState: () => (/* binding */ saveImagesFromState),
  saveStepTimes: () => (/* binding */ saveStepTimes)
});

// UNUSED EXPORTS: actionsRunnerCache, restoreRunnerCaches, saveLocalCaches

// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 355 modules
var cache = __webpack_require__(4305);
// EXTERNAL MODULE: ./build/shared/message-of.js
var message_of = __webpack_require__(9677);
;// CONCATENATED MODULE: ./build/action/runner-cache/actions-cache.js


/** A runner cache operation that did not happen; callers turn it into a note, never a failed build. */
class RunnerCacheError extends Error {
    name = "RunnerCacheError";
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
    }
}
const unavailableReason = "the GitHub Actions cache service is not available here (neither ACTIONS_RESULTS_URL nor ACTIONS_CACHE_URL is set)";
/**
 * The runner cache of a GitHub Actions job, through `@actions/cache` (the cache service v2 on github.com, v1 on
 * GitHub Enterprise Server; the toolkit picks). Outside a job (`isFeatureAvailable()` false) it is a no-op whose
 * `unavailable` says why: restore misses, save does nothing.
 */
function actions_cache_actionsRunnerCache() {
    if (!cache/* isFeatureAvailable */.w3()) {
        return {
            unavailable: unavailableReason,
            restore: () => Promise.resolve(undefined),
            save: () => Promise.resolve(),
        };
    }
    return {
        async restore(paths, key, restoreKeys) {
            try {
                return await cache/* restoreCache */.P3(paths, key, restoreKeys);
            }
            catch (cause) {
                throw new RunnerCacheError(`failed to restore ${key} from the runner cache: ${(0,message_of/* messageOf */.b)(cause)}`, { cause });
            }
        },
        async save(paths, key) {
            let id;
            try {
                id = await cache/* saveCache */.Io(paths, key);
            }
            catch (cause) {
                throw new RunnerCacheError(`failed to save ${key} to the runner cache: ${(0,message_of/* messageOf */.b)(cause)}`, { cause });
            }
            // saveCache logs why (key already taken, cache-mode without writes, service errors) and answers -1.
            if (id === -1)
                throw new RunnerCacheError(`failed to save ${key} to the runner cache (see the warning above)`);
        },
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/docker/engine-api.js
var engine_api = __webpack_require__(106);
;// CONCATENATED MODULE: ./build/docker/system.js


/** `GET /_ping`: resolves to the body ("OK") once the daemon answers. */
async function ping(host, options = {}) {
    const res = await engineSend(host, { method: "GET", path: "/_ping", verb: "ping the Docker daemon", ...options });
    const body = (await readBody(res)).toString("utf8");
    if (res.statusCode !== 200) {
        throw new DockerError(`failed to ping the Docker daemon: HTTP ${res.statusCode}: ${body}`, {
            status: res.statusCode ?? 0,
        });
    }
    return body;
}
function version(host, options = {}) {
    return (0,engine_api/* engineJson */.rN)(host, {
        method: "GET",
        path: "/version",
        verb: "read the Docker daemon's version",
        ...options,
    });
}
function info(host, options = {}) {
    return engineJson(host, { method: "GET", path: "/info", verb: "read Docker daemon info", ...options });
}
// moby/moby daemon/containerd: the containerd image store reports this snapshotter driver type in Info.
const containerdSnapshotter = "io.containerd.snapshotter.v1";
/**
 * Whether the daemon keeps images in containerd's store (`features.containerd-snapshotter`), which decides
 * the exporters its BuildKit has: `image`/`oci`/`docker` with it, only `moby` without.
 */
function usesContainerdStore(engineInfo) {
    return (engineInfo.DriverStatus ?? []).some(([key, value]) => key === "driver-type" && value === containerdSnapshotter);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./build/docker/docker-error.js
var docker_error = __webpack_require__(3114);
;// CONCATENATED MODULE: ./build/docker/images.js



const pullDefaults = Object.freeze({
    /** A BuildKit image is ~100 MB; ten minutes covers a slow runner without hanging a job forever. */
    timeoutMs: 600_000,
});
/** Resolves to the image, or undefined when the daemon has no image by that name. */
async function inspectImage(host, ref, options = {}) {
    return (0,engine_api/* engineJson */.rN)(host, {
        method: "GET",
        path: `/images/${encodeURIComponent(ref)}/json`,
        verb: `inspect image ${ref}`,
        nothingToDo: [404],
        ...options,
    });
}
/**
 * Splits "name[:tag][@digest]" into what `POST /images/create` takes: `fromImage` and `tag`, where a digest
 * wins over a tag (as the docker CLI does: cli/command/image/pull.go getAPITagFromNamedRef).
 */
function pullParams(ref) {
    const at = ref.indexOf("@");
    const named = at >= 0 ? ref.slice(0, at) : ref;
    const slash = named.lastIndexOf("/");
    const colon = named.lastIndexOf(":");
    const hasTag = colon > slash;
    const name = hasTag ? named.slice(0, colon) : named;
    if (at >= 0)
        return { fromImage: name, tag: ref.slice(at + 1) };
    return { fromImage: name, tag: hasTag ? named.slice(colon + 1) : "latest" };
}
/**
 * Pulls an image (`POST /images/create`). The daemon reports some failures as an HTTP error and others inside
 * the progress stream (`{"error": ...}`); both reject with "failed to pull <ref>: <daemon's message>".
 */
async function pullImage(host, ref, options = {}) {
    const timeoutMs = options.timeoutMs ?? pullDefaults.timeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const verb = `pull ${ref}`;
    const res = await engineStream(host, {
        method: "POST",
        path: "/images/create",
        query: { ...pullParams(ref), platform: options.platform },
        ...(options.registryAuth ? { headers: { "X-Registry-Auth": options.registryAuth } } : {}),
        verb,
        signal,
        timeoutMs,
    });
    await new Promise((resolve, reject) => {
        let pending = "";
        let failed;
        const onAbort = () => {
            res.destroy();
            const why = deadline.aborted ? `no result within ${timeoutMs} ms` : "canceled";
            reject(new DockerError(`failed to ${verb}: ${why}`, { cause: signal.reason }));
        };
        if (signal.aborted)
            return onAbort();
        signal.addEventListener("abort", onAbort, { once: true });
        const handle = (line) => {
            if (!line.trim() || failed)
                return;
            let msg;
            try {
                msg = JSON.parse(line);
            }
            catch {
                return;
            }
            const error = msg.errorDetail?.message || msg.error;
            if (error) {
                failed = new DockerError(`failed to ${verb}: ${error}`);
                return;
            }
            options.onProgress?.({
                ...(msg.status !== undefined ? { status: msg.status } : {}),
                ...(msg.id !== undefined ? { id: msg.id } : {}),
                ...(msg.progress !== undefined ? { progress: msg.progress } : {}),
            });
        };
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
            pending += chunk;
            const lines = pending.split("\n");
            pending = lines.pop() ?? "";
            lines.forEach(handle);
        });
        res.on("end", () => {
            signal.removeEventListener("abort", onAbort);
            handle(pending);
            if (failed)
                reject(failed);
            else
                resolve();
        });
        res.on("error", (cause) => {
            signal.removeEventListener("abort", onAbort);
            reject(new DockerError(`failed to ${verb}: ${cause.message}`, { cause }));
        });
    });
}
/**
 * Tags an image (`POST /images/{source}/tag`): `target` is "name:tag". Engines refuse a digest as the target
 * ("refusing to create a tag with a digest reference"), on either image store.
 */
async function tagImage(host, source, target, options = {}) {
    const slash = target.lastIndexOf("/");
    const colon = target.lastIndexOf(":");
    if (colon <= slash)
        throw new docker_error/* DockerError */.B(`failed to tag ${source} as ${target}: expected "name:tag"`);
    await (0,engine_api/* engineJson */.rN)(host, {
        method: "POST",
        path: `/images/${encodeURIComponent(source)}/tag`,
        query: { repo: target.slice(0, colon), tag: target.slice(colon + 1) },
        verb: `tag ${source} as ${target}`,
        ...options,
    });
}
/**
 * The local tag an image pinned by digest is also known by once it came out of an archive:
 * `kiln.local/pinned/<first 16 hex of the sha256 of the ref>:sha256-<digest hex>`, or undefined for a ref not
 * pinned by digest. Docker's classic image store (GitHub's runners) cannot keep a digest reference through
 * `docker save`/`docker load` (save writes only RepoTags, load reads only RepoTags, and a tag cannot name a
 * digest), so an archive loaded there is found by this tag instead. Deterministic from the ref alone, so the
 * runner cache that loads the archive and the builder that looks for the image agree without passing state.
 * The `kiln.local` domain keeps it from ever naming a Docker Hub repository.
 */
function pinnedImageAlias(ref) {
    const match = /@(sha256):([0-9a-f]{64})$/.exec(ref);
    if (!match)
        return undefined;
    const hash = (0,external_node_crypto_.createHash)("sha256").update(ref).digest("hex").slice(0, 16);
    return `kiln.local/pinned/${hash}:${match[1]}-${match[2]}`;
}
/**
 * Finds an image pinned by digest by its ref, else by its `pinnedImageAlias` (an archive loaded into the classic
 * image store). Resolves to the ref to create containers from, with the image's ID, or undefined when neither is
 * there.
 */
async function findPinnedImage(host, ref, options = {}) {
    const direct = await inspectImage(host, ref, options);
    if (direct)
        return { ref, id: direct.Id };
    const alias = pinnedImageAlias(ref);
    const aliased = alias === undefined ? undefined : await inspectImage(host, alias, options);
    return aliased && alias !== undefined ? { ref: alias, id: aliased.Id } : undefined;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./build/docker/docker-host.js
var docker_host = __webpack_require__(4404);
// EXTERNAL MODULE: ./build/docker/docker-request.js
var docker_request = __webpack_require__(8901);
;// CONCATENATED MODULE: ./build/docker/image-archive.js










const imageArchiveDefaults = Object.freeze({
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
async function saveImages(host, refs, destFile, options = {}) {
    const verb = `save ${refs.join(", ")}`;
    const { signal, deadline, timeoutMs } = bound(options);
    const path = `/images/get?${refs.map((r) => `names=${encodeURIComponent(r)}`).join("&")}`;
    const res = await (0,engine_api/* engineStream */.PO)(host, { method: "GET", path, verb, signal, timeoutMs });
    const tmp = `${destFile}.${(0,external_node_crypto_.randomBytes)(6).toString("hex")}.tmp`;
    try {
        await (0,external_node_stream_promises_.pipeline)(res, new IndexNamer(digestNames(refs)), (0,external_node_fs_.createWriteStream)(tmp, { mode: 0o644 }), { signal });
        await (0,promises_.rename)(tmp, destFile);
    }
    catch (cause) {
        res.destroy();
        await (0,promises_.rm)(tmp, { force: true });
        throw new docker_error/* DockerError */.B(`failed to ${verb} to ${destFile}: ${reason(cause, signal, deadline, timeoutMs)}`, {
            cause,
        });
    }
}
/**
 * Loads a `docker save` archive (`POST /images/load`), streamed from `srcFile`. The daemon reports failures
 * inside its JSON stream (`errorDetail`) after answering 200; those reject too, with the daemon's words.
 */
async function loadImages(host, srcFile, options = {}) {
    const verb = `load images from ${srcFile}`;
    const { signal, deadline, timeoutMs } = bound(options);
    const fail = (cause) => cause instanceof docker_error/* DockerError */.B
        ? cause
        : new docker_error/* DockerError */.B(`failed to ${verb}: ${reason(cause, signal, deadline, timeoutMs)}`, { cause });
    try {
        const size = (await (0,promises_.stat)(srcFile)).size;
        const request = (0,docker_request/* dockerRequest */.y)(host, {
            method: "POST",
            path: "/images/load?quiet=1",
            headers: { "Content-Type": "application/x-tar", "Content-Length": String(size) },
            signal,
        });
        const answered = new Promise((resolve, reject) => {
            request.once("response", resolve);
            request.once("error", (cause) => {
                const why = signal.aborted
                    ? reason(cause, signal, deadline, timeoutMs)
                    : `Docker daemon at ${(0,docker_host/* formatDockerHost */.u)(host)}: ${cause.message}`;
                reject(new docker_error/* DockerError */.B(`failed to ${verb}: ${why}`, { cause }));
            });
        });
        // The daemon may answer (an error) before reading the whole body: the response decides, not the upload.
        const sent = (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(srcFile), request).catch(() => undefined);
        const res = await answered;
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299)
            throw await (0,engine_api/* errorFromResponse */.a5)(res, verb);
        const images = [];
        let failed;
        for await (const line of jsonLines(res)) {
            const msg = line;
            failed ??= msg.errorDetail?.message || msg.error || undefined;
            const loaded = /^Loaded image(?: ID)?: (.+)$/.exec(msg.stream?.trim() ?? "");
            if (loaded?.[1])
                images.push(loaded[1]);
        }
        await sent;
        if (failed !== undefined)
            throw new docker_error/* DockerError */.B(`failed to ${verb}: ${failed}`);
        if (signal.aborted)
            throw signal.reason;
        return { images };
    }
    catch (err) {
        throw fail(err);
    }
}
function bound(options) {
    const timeoutMs = options.timeoutMs ?? imageArchiveDefaults.timeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    return { signal, deadline, timeoutMs };
}
function reason(cause, signal, deadline, timeoutMs) {
    if (deadline.aborted)
        return `no result within ${timeoutMs} ms`;
    if (signal.aborted)
        return "canceled";
    return (0,message_of/* messageOf */.b)(cause);
}
/** Parses a response of newline-separated JSON objects; lines that are not JSON are skipped. */
async function* jsonLines(res) {
    let pending = "";
    res.setEncoding("utf8");
    for await (const chunk of res) {
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines)
            if (line.trim())
                yield parseOrSkip(line);
    }
    if (pending.trim())
        yield parseOrSkip(pending);
}
function parseOrSkip(line) {
    try {
        return JSON.parse(line);
    }
    catch {
        return {};
    }
}
/**
 * Digest -> the fully qualified `name@digest` the daemon gives an image pulled by that digest
 * (distribution/reference ParseNormalizedNamed: no domain means docker.io, a one-part Docker Hub path means
 * library/; a tag next to a digest is dropped). Refs without a digest are named by `/images/get` itself.
 */
function digestNames(refs) {
    const names = new Map();
    for (const ref of refs) {
        const at = ref.indexOf("@");
        if (at < 0)
            continue;
        const digest = ref.slice(at + 1);
        let name = ref.slice(0, at);
        const slash = name.lastIndexOf("/");
        const colon = name.lastIndexOf(":");
        if (colon > slash)
            name = name.slice(0, colon);
        const first = name.split("/")[0] ?? "";
        const hasDomain = name.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
        if (!hasDomain)
            name = `docker.io/${name}`;
        if (name.startsWith("index.docker.io/"))
            name = `docker.io/${name.slice("index.docker.io/".length)}`;
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
class IndexNamer extends external_node_stream_.Transform {
    names;
    buffered = [];
    bufferedBytes = 0;
    /** Bytes of the current entry's data (with padding) still to pass through, or to capture for index.json. */
    remaining = 0;
    capture;
    ended = false;
    constructor(names) {
        super();
        this.names = names;
    }
    _transform(chunk, _enc, done) {
        try {
            this.consume(chunk);
            done();
        }
        catch (err) {
            done(err);
        }
    }
    _flush(done) {
        if (!this.ended)
            done(new Error("the archive ended early (no end-of-archive marker)"));
        else
            done();
    }
    consume(chunk) {
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
            if (this.bufferedBytes < want)
                return;
            const whole = Buffer.concat(this.buffered);
            this.buffered = [];
            this.bufferedBytes = 0;
            if (this.capture)
                this.emitIndex(this.capture, whole);
            else
                this.header(whole);
        }
    }
    header(h) {
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
        const isIndex = !prefix && (name === "index.json" || name === "./index.json") && (typeflag === "0" || typeflag === "\0");
        // index.json is a few hundred bytes; anything large is not an OCI index and passes through untouched.
        if (isIndex && this.names.size > 0 && size <= 1 << 20) {
            this.capture = { header: h, size };
            this.remaining = padded;
            if (padded === 0)
                this.emitIndex(this.capture, Buffer.alloc(0));
            return;
        }
        this.push(h);
        this.remaining = padded;
    }
    emitIndex(capture, data) {
        this.capture = undefined;
        this.remaining = 0;
        let body = data.subarray(0, capture.size);
        try {
            const index = JSON.parse(body.toString("utf8"));
            let changed = false;
            for (const m of index.manifests ?? []) {
                const name = typeof m.digest === "string" ? this.names.get(m.digest) : undefined;
                if (!name || m.annotations?.[imageNameAnnotation])
                    continue;
                m.annotations = { ...m.annotations, [imageNameAnnotation]: name };
                changed = true;
            }
            if (changed)
                body = Buffer.from(JSON.stringify(index), "utf8");
        }
        catch {
            // Not JSON: not ours to fix; the archive passes through as the daemon wrote it.
        }
        const header = Buffer.from(capture.header);
        header.write(body.length.toString(8).padStart(11, "0") + "\0", 124, "ascii");
        header.write("        ", 148, "ascii");
        let sum = 0;
        for (const b of header)
            sum += b;
        header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "ascii");
        this.push(header);
        this.push(body);
        const pad = (block - (body.length % block)) % block;
        if (pad > 0)
            this.push(Buffer.alloc(pad));
    }
}
/** The size field of a tar header: octal text, or GNU base-256 when its high bit is set. */
function tarSize(h) {
    if ((h[124] ?? 0) & 0x80) {
        let value = 0;
        for (let i = 125; i < 136; i++)
            value = value * 256 + (h[i] ?? 0);
        return value;
    }
    const text = h.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim();
    return text ? parseInt(text, 8) : 0;
}

;// CONCATENATED MODULE: ./build/action/runner-cache/images.js





function images_dockerImageStore(host) {
    return {
        platform: async (o) => {
            const v = await version(host, o);
            return { os: v.Os, arch: v.Arch };
        },
        imageId: async (ref, o) => (await findPinnedImage(host, ref, o))?.id,
        // Each pinned image goes into the archive under its pinned ref and its local alias tag too: the classic image
        // store drops the digest ref on save and reads only tags on load, so after a restore there the builder finds
        // the image by the alias (findPinnedImage); the containerd store keeps both names.
        save: async (refs, file, o) => {
            const aliases = [];
            for (const ref of refs) {
                const alias = pinnedImageAlias(ref);
                if (alias === undefined)
                    continue;
                await tagImage(host, ref, alias, o);
                aliases.push(alias);
            }
            await saveImages(host, [...refs, ...aliases], file, o);
        },
        load: async (file, o) => {
            await loadImages(host, file, o);
        },
    };
}
/** The GITHUB_STATE name the action keeps `ImageCacheState` under. */
const imageCacheStateKey = "image-cache";
function images_serializeImageCacheState(state) {
    return JSON.stringify(state);
}
/** Reads the main step's state back; anything else (absent, empty, malformed) means nothing to save. */
function parseImageCacheState(text) {
    try {
        const parsed = JSON.parse(text || "{}");
        const pending = Array.isArray(parsed.pending) ? parsed.pending : [];
        return {
            pending: pending.flatMap((p) => typeof p.image === "string" && typeof p.key === "string" && typeof p.archive === "string"
                ? [{ image: p.image, key: p.key, archive: p.archive }]
                : []),
        };
    }
    catch {
        return { pending: [] };
    }
}
/**
 * Before bootstrapping: loads each image pinned by digest that the daemon lacks from the runner cache, so a warm
 * run pulls nothing from Docker Hub. Images still missing are recorded in the returned state; the post step
 * (`saveBuilderImages`) saves those the run then pulled. Never throws for cache trouble: each image's outcome
 * says what happened.
 */
async function images_restoreBuilderImages(options) {
    const { store, cache, log } = options;
    const call = options.signal ? { signal: options.signal } : {};
    if (cache.unavailable) {
        log(`image cache: ${cache.unavailable}; images are pulled`);
        return { entries: options.images.map((image) => ({ image, outcome: "unavailable" })), state: { pending: [] } };
    }
    const entries = [];
    const pending = [];
    let platform;
    for (const image of options.images) {
        try {
            platform ??= await store.platform(call);
            const key = imageCacheKey(image, platform);
            if (!key) {
                log(`image cache: ${image} is not pinned by digest; not cached`);
                entries.push({ image, outcome: "not-pinned" });
                continue;
            }
            if ((await store.imageId(image, call)) !== undefined) {
                entries.push({ image, key, outcome: "present" });
                continue;
            }
            const archive = join(options.tempDir, "kiln-image-cache", `${key}.tar`);
            let hit;
            try {
                await mkdir(dirname(archive), { recursive: true });
                hit = await cache.restore([archive], key);
            }
            catch (err) {
                // A cache outage now may be over by the post step: still try to save.
                log(`image cache: could not restore ${image}: ${messageOf(err)}`);
                entries.push({ image, key, outcome: "failed", detail: messageOf(err) });
                pending.push({ image, key, archive });
                continue;
            }
            if (hit === undefined) {
                log(`image cache: ${image} is not in the runner cache (${key}); saving it after this run pulls it`);
                entries.push({ image, key, outcome: "missed" });
                pending.push({ image, key, archive });
                continue;
            }
            entries.push(await loadRestored(store, image, key, archive, log, call));
        }
        catch (err) {
            // The daemon did not answer an inspect: the bootstrap that follows reports that better than a cache note.
            log(`image cache: skipped ${image}: ${messageOf(err)}`);
            entries.push({ image, outcome: "failed", detail: messageOf(err) });
        }
    }
    return { entries, state: { pending } };
}
async function loadRestored(store, image, key, archive, log, call) {
    try {
        await store.load(archive, call);
        const id = await store.imageId(image, call);
        if (id === undefined) {
            // Neither the pinned ref nor its alias tag: an archive saved without the alias (or by other tooling).
            const detail = "loaded, but the daemon knows it neither by its digest nor by its alias tag; it is pulled";
            log(`image cache: ${image}: ${detail}`);
            return { image, key, outcome: "failed", detail };
        }
        log(`image cache: restored ${image} from the runner cache (${key})`);
        return { image, key, outcome: "restored" };
    }
    catch (err) {
        log(`image cache: could not load ${image} from the runner cache: ${messageOf(err)}`);
        return { image, key, outcome: "failed", detail: messageOf(err) };
    }
    finally {
        await rm(archive, { force: true });
    }
}
/**
 * The post step: saves each image the main step found in neither the daemon nor the runner cache, now that the
 * run pulled it, under its key. Images still missing were never needed. Never throws for cache trouble.
 */
async function saveBuilderImages(options) {
    const { store, cache, log } = options;
    const call = options.signal ? { signal: options.signal } : {};
    if (cache.unavailable || options.state.pending.length === 0)
        return [];
    const entries = [];
    for (const { image, key, archive } of options.state.pending) {
        try {
            if ((await store.imageId(image, call)) === undefined) {
                entries.push({ image, key, outcome: "not-pulled" });
                continue;
            }
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(archive), { recursive: true });
            await store.save([image], archive, call);
            const bytes = (await (0,promises_.stat)(archive)).size;
            await cache.save([archive], key);
            log(`image cache: saved ${image} to the runner cache (${key}, ${bytes} bytes)`);
            entries.push({ image, key, outcome: "saved", detail: `${bytes} bytes` });
        }
        catch (err) {
            log(`image cache: could not save ${image}: ${(0,message_of/* messageOf */.b)(err)}`);
            entries.push({ image, key, outcome: "failed", detail: (0,message_of/* messageOf */.b)(err) });
        }
        finally {
            await (0,promises_.rm)(archive, { force: true });
        }
    }
    return entries;
}

;// CONCATENATED MODULE: ./build/action/runner-cache/step-times.js






// Bumped when what an entry holds changes shape, so old entries are never restored into new code.
const keyVersion = "v1";
const stepTimesCacheDefaults = Object.freeze({
    /**
     * How long the summary waits for a restore still in flight. The restore starts before the builder and runs
     * alongside the build, so it is normally done long before; a slow cache service must not hold up the step for
     * one line of the summary.
     */
    restoreWaitMs: 1500,
});
/** See {@link StepTimesPlace}; `jobScope` is `localCacheScope(env)`, `builder` is `builderScope(...)`. */
function stepTimesPlace(tempDir, jobScope, builder, run) {
    const id = scopeId(`${jobScope}\n${builder}`);
    const prefix = `kiln-step-times-${keyVersion}-${jobScope}-${scopeId(builder)}-`;
    return {
        file: join(tempDir, "kiln-step-times", `${id}.json`),
        cachePath: join(tempDir, "kiln-step-times", "cache", `${id}.json`),
        prefix,
        key: `${prefix}${run}-${randomBytes(4).toString("hex")}`,
    };
}
/**
 * Starts reading the record earlier runs left; never rejects (a missing record only leaves savings out of the
 * summary). An earlier Kiln step of this job already merged the cache's record into the job's working copy, so
 * that copy wins; else the runner cache's newest entry for the prefix is restored. Without a cache service
 * (`cache` undefined or unavailable) nothing is logged.
 */
function restoreStepTimes(place, cache, log) {
    const restore = async () => {
        const working = await readStepTimesFile(place.file).catch(() => undefined);
        if (working !== undefined && working.size > 0)
            return working;
        if (!cache || cache.unavailable)
            return new Map();
        const restored = await cache.restore([place.cachePath], place.key, [place.prefix]);
        if (restored === undefined)
            return new Map();
        return readStepTimesFile(place.cachePath);
    };
    return restore().catch((err) => {
        log(`step times: could not restore the record of earlier runs: ${messageOf(err)}`);
        return new Map();
    });
}
/**
 * The restored record, or an empty one when it is not there within `waitMs`: the caller goes on without savings.
 */
async function awaitStepTimes(restoring, log, waitMs = stepTimesCacheDefaults.restoreWaitMs) {
    let timer;
    const late = new Promise((resolve) => {
        timer = setTimeout(() => resolve(undefined), waitMs);
        timer.unref();
    });
    const times = await Promise.race([restoring, late]);
    clearTimeout(timer);
    if (times === undefined)
        log(`step times: the record of earlier runs was not restored within ${waitMs} ms`);
    return times ?? new Map();
}
const sha256 = (text) => (0,external_node_crypto_.createHash)("sha256").update(text).digest("hex");
/**
 * Writes the merged record to the job's working copy and returns the post step's state: the place and a digest of
 * what this step wrote, so that only the job's last Kiln step (whose copy is the newest) saves it.
 */
async function writeJobStepTimes(place, times) {
    await writeStepTimesFile(place.file, times);
    return JSON.stringify({ ...place, digest: sha256(serializeStepTimes(times)) });
}
/**
 * In the post step: saves the job's working copy to the runner cache, unless a later Kiln step of the job rewrote
 * it (its own post step, which runs first, saves the newer copy). Never throws; cache trouble only logs.
 */
async function saveStepTimesFromState(state, cache, log) {
    if (cache.unavailable)
        return "unavailable";
    try {
        const { file, cachePath, key, digest } = JSON.parse(state);
        if (sha256(await (0,promises_.readFile)(file, "utf8")) !== digest)
            return "superseded";
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(cachePath), { recursive: true });
        await (0,promises_.copyFile)(file, cachePath);
        await cache.save([cachePath], key);
        log(`step times: saved the record to the runner cache (${key})`);
        return "saved";
    }
    catch (err) {
        log(`step times: could not save the record to the runner cache: ${(0,message_of/* messageOf */.b)(err)}`);
        return "failed";
    }
}

;// CONCATENATED MODULE: ./build/action/runner-cache/index.js








/** Directories that are both a `cache-from` src and a `cache-to` dest: persisted across runs through the runner cache. */
function persistedLocalDirs(plan) {
    const to = new Set(plan.cacheTo.flatMap((b) => (b.type === "local" ? [b.dir] : [])));
    return plan.cacheFrom.flatMap((b) => (b.type === "local" && to.has(b.dir) ? [b.dir] : []));
}
/**
 * Before the build, on a GitHub runner: loads the pinned BuildKit image from the runner cache (so a warm run pulls
 * nothing from Docker Hub) and restores local cache directories saved by earlier runs. Cache trouble only logs.
 */
async function restoreRunnerCaches(plan, context) {
    const cache = actionsRunnerCache();
    let imageState;
    if (plan.builder.driver === "docker-container") {
        const { state } = await restoreBuilderImages({
            store: dockerImageStore(context.dockerHost),
            cache,
            tempDir: context.tempDir,
            images: [plan.builder.container?.image ?? DEFAULT_BUILDKIT_IMAGE],
            log: context.log,
        });
        imageState = serializeImageCacheState(state);
    }
    const scope = localCacheScope(context.env, matrixLegId(plan, context.env["GITHUB_SHA"]));
    const run = runSuffix(context.env);
    const localDirs = await Promise.all(persistedLocalDirs(plan).map((dir) => restoreLocalCacheDir({ cache, dir, scope, run, log: context.log })));
    return { cache, localDirs, imageState };
}
/** After a successful build: saves each persisted local cache directory the export replaced. */
async function saveLocalCaches(restored, log) {
    for (const r of restored.localDirs)
        await saveLocalCacheDir({ cache: restored.cache, restored: r, log });
}
/** In the post step: saves the builder images this run had to pull. */
async function saveImagesFromState(state, dockerHost, log) {
    if (!state)
        return;
    await saveBuilderImages({
        store: images_dockerImageStore(dockerHost),
        cache: actions_cache_actionsRunnerCache(),
        state: parseImageCacheState(state),
        log,
    });
}
/** In the post step: saves the job's step-times record (see step-times-cache.ts) when this step wrote it last. */
async function saveStepTimes(state, log) {
    await saveStepTimesFromState(state, actions_cache_actionsRunnerCache(), log);
}


/***/ })

};
