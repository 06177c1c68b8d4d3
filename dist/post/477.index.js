export const id = 477;
export const ids = [477];
export const modules = {

/***/ 477:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  saveImagesFromState: () => (/* binding */ saveImagesFromState),
  saveStepTimes: () => (/* binding */ saveStepTimes)
});

// UNUSED EXPORTS: actionsRunnerCache, restoreRunnerCaches, saveLocalCaches

// EXTERNAL MODULE: ./build/builder/docker-container/index.js + 84 modules
var docker_container = __webpack_require__(4330);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(1691);
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
// EXTERNAL MODULE: ./build/docker/index.js + 14 modules
var docker = __webpack_require__(3921);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/action/runner-cache/keys.js


// Bumped when what an entry holds changes shape, so old entries are never restored into new code.
const imageKeyVersion = "v1";
const localKeyVersion = "v1";
const sha256 = (text) => createHash("sha256").update(text).digest("hex");
/** Keys may not contain commas (`@actions/cache` checkKey); keep to a portable alphabet. */
const keyPart = (text) => text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
/** Whether `image` is pinned by digest (`name[:tag]@sha256:<64 hex>`): only such an image's bytes never change. */
function isPinnedByDigest(image) {
    return /@sha256:[0-9a-f]{64}$/.test(image);
}
/**
 * The runner cache key of an image archive: `kiln-image-v1-<sha256 hex of the ref>-<os>-<arch>`, or undefined
 * for an image not pinned by digest (a tag can move, so its archive could be stale). The whole ref is hashed, not
 * only the digest, because the archive carries the name it is loaded under. The daemon's platform is part of the
 * key: an index's archive holds only the platforms the daemon pulled.
 */
function keys_imageCacheKey(image, platform) {
    if (!isPinnedByDigest(image))
        return undefined;
    return `kiln-image-${imageKeyVersion}-${sha256(image)}-${keyPart(platform.os)}-${keyPart(platform.arch)}`;
}
/**
 * The key prefix of a local cache directory's entries: `kiln-local-cache-v1-<scope>-<first 16 hex of the sha256 of
 * the absolute directory>-`. Restoring by this prefix finds the newest entry any earlier run saved.
 */
function keys_localCacheKeyPrefix(dir, scope) {
    return `kiln-local-cache-${localKeyVersion}-${keyPart(scope) || "default"}-${sha256(resolve(dir)).slice(0, 16)}-`;
}
/**
 * The key this run saves a local cache directory under: the prefix plus a run-unique suffix (see `runSuffix`),
 * because an entry can never be overwritten.
 */
function keys_localCacheKey(dir, scope, run) {
    return `${keys_localCacheKeyPrefix(dir, scope)}${keyPart(run)}`;
}
/** `<GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT>`: unique per run and re-run. "local" outside Actions (no cache there). */
function keys_runSuffix(env) {
    const id = env["GITHUB_RUN_ID"];
    return id ? `${id}-${env["GITHUB_RUN_ATTEMPT"] || "1"}` : "local";
}
/**
 * The scope of local cache entries: per workflow, job and matrix leg (`leg` from `matrixLegId`), so jobs building
 * different images do not restore each other's cache, and the legs of one matrix job (which share the workflow,
 * job and run) neither restore each other's directory nor collide on one key ("key already exists"). No ref: the
 * cache service already isolates branches (a branch reads its own entries, then the default branch's), which gives
 * a new branch a warm start from the default branch.
 */
function keys_localCacheScope(env, leg) {
    return keyPart([env["GITHUB_WORKFLOW"], env["GITHUB_JOB"], leg].filter(Boolean).join("-")) || "default";
}

;// CONCATENATED MODULE: ./build/action/runner-cache/images.js





function images_dockerImageStore(host) {
    return {
        platform: async (o) => {
            const v = await (0,docker/* version */.rE)(host, o);
            return { os: v.Os, arch: v.Arch };
        },
        imageId: async (ref, o) => (await (0,docker/* findPinnedImage */.Nc)(host, ref, o))?.id,
        // Each pinned image goes into the archive under its pinned ref and its local alias tag too: the classic image
        // store drops the digest ref on save and reads only tags on load, so after a restore there the builder finds
        // the image by the alias (findPinnedImage); the containerd store keeps both names.
        save: async (refs, file, o) => {
            const aliases = [];
            for (const ref of refs) {
                const alias = (0,docker/* pinnedImageAlias */.b7)(ref);
                if (alias === undefined)
                    continue;
                await (0,docker/* tagImage */.E$)(host, ref, alias, o);
                aliases.push(alias);
            }
            await (0,docker/* saveImages */.Kt)(host, [...refs, ...aliases], file, o);
        },
        load: async (file, o) => {
            await (0,docker/* loadImages */.z6)(host, file, o);
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

;// CONCATENATED MODULE: ./build/action/matrix-leg.js

/**
 * A short id for what this step builds, telling the legs of a matrix job apart. GitHub gives an action nothing
 * that differs between legs (GITHUB_JOB, GITHUB_ACTION and the run id are the same for every leg; the matrix
 * values are not in the environment), so the id is a hash of the inputs legs differ in: platforms, target,
 * context, Dockerfile, build arguments and the builder. Tags are left out, and so is any build argument naming the
 * commit: both change with every push, and the id must not (it names the pull-request comment and the local-cache
 * keys that later runs look up).
 */
function matrix_leg_matrixLegId(plan, commitSha) {
    const sha = commitSha && commitSha.length >= 7 ? commitSha.slice(0, 7) : undefined;
    const buildArgs = Object.entries(plan.buildArgs)
        .filter(([, value]) => sha === undefined || !value.includes(sha))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const identity = JSON.stringify([
        plan.platforms,
        plan.target ?? "",
        plan.context,
        plan.dockerfile,
        buildArgs,
        plan.builder,
        plan.nodes,
    ]);
    return createHash("sha256").update(identity).digest("hex").slice(0, 12);
}

;// CONCATENATED MODULE: ./build/action/runner-cache/local-dirs.js





/**
 * Before the build: restores the newest entry an earlier run saved for this directory (by key prefix), unless the
 * directory already holds a cache. Never throws for cache trouble: a miss only costs the rebuild.
 */
async function local_dirs_restoreLocalCacheDir(options) {
    const { cache, dir, log } = options;
    const prefix = localCacheKeyPrefix(dir, options.scope);
    const key = localCacheKey(dir, options.scope, options.run);
    const base = { dir, key, prefix };
    if (cache.unavailable) {
        log(`local cache ${dir}: ${cache.unavailable}; not restored`);
        return { ...base, outcome: "unavailable" };
    }
    try {
        const found = await indexDigest(dir);
        if (found !== undefined) {
            log(`local cache ${dir}: already holds a cache; not restoring over it`);
            return { ...base, outcome: "present", indexDigest: found };
        }
        const restoredKey = await cache.restore([dir], key, [prefix]);
        if (restoredKey === undefined) {
            log(`local cache ${dir}: no earlier run saved it (${prefix}*)`);
            return { ...base, outcome: "missed" };
        }
        const digest = await indexDigest(dir);
        log(`local cache ${dir}: restored ${restoredKey} from the runner cache`);
        return { ...base, outcome: "restored", restoredKey, ...(digest === undefined ? {} : { indexDigest: digest }) };
    }
    catch (err) {
        log(`local cache ${dir}: could not restore: ${messageOf(err)}`);
        return { ...base, outcome: "failed", detail: messageOf(err) };
    }
}
/**
 * After the export: saves the directory under this run's key. The export has already replaced the directory's
 * content (index.json re-tagged, unreachable blobs garbage-collected), so what is saved is one cache, not the
 * sum of every run's. Skips a directory the build left unchanged or empty. Never throws for cache trouble.
 */
async function local_dirs_saveLocalCacheDir(options) {
    const { cache, restored, log } = options;
    const { dir, key } = restored;
    if (cache.unavailable)
        return { dir, key, outcome: "unavailable" };
    try {
        const digest = await indexDigest(dir);
        if (digest === undefined) {
            log(`local cache ${dir}: no cache was exported; nothing to save`);
            return { dir, key, outcome: "empty" };
        }
        if (digest === restored.indexDigest) {
            log(`local cache ${dir}: unchanged since restored; not saved again`);
            return { dir, key, outcome: "unchanged" };
        }
        if (restored.restoredKey === key) {
            const detail = `an earlier step of this run already saved ${key}; keys cannot be overwritten`;
            log(`local cache ${dir}: not saved: ${detail}`);
            return { dir, key, outcome: "failed", detail };
        }
        const bytes = await directoryBytes(dir);
        await cache.save([dir], key);
        log(`local cache ${dir}: saved to the runner cache (${key}, ${bytes} bytes)`);
        return { dir, key, outcome: "saved", bytes };
    }
    catch (err) {
        log(`local cache ${dir}: could not save: ${messageOf(err)}`);
        return { dir, key, outcome: "failed", detail: messageOf(err) };
    }
}
/** sha256 of `<dir>/index.json`, or undefined when there is none. */
async function indexDigest(dir) {
    try {
        return createHash("sha256")
            .update(await readFile(join(dir, "index.json")))
            .digest("hex");
    }
    catch (err) {
        if (err.code === "ENOENT")
            return undefined;
        throw err;
    }
}
async function directoryBytes(dir) {
    let total = 0;
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile())
            total += (await stat(join(entry.parentPath, entry.name))).size;
    }
    return total;
}

;// CONCATENATED MODULE: ./build/progress/step-keys.js

// Bumped when the key's recipe changes, so durations recorded under the old recipe never match.
const recipe = "kiln-step-key-v2";
const stepNumber = /^\d+\/\d+$/;
const platform = /^[^/\s]+\/[^/\s]+(\/[^/\s]+)?$/;
/** The name without its stage label and step number: "[linux/arm64 build 2/4] RUN make" -> "[linux/arm64] RUN make". */
function stableStepName(name) {
    const m = /^\[([^\]]*)\] ([\s\S]*)$/.exec(name);
    if (!m)
        return name;
    const tokens = m[1].split(" ");
    const at = tokens.findIndex((t) => stepNumber.test(t));
    if (at < 0)
        return name;
    const stage = at > 0 && !platform.test(tokens[at - 1]) ? at - 1 : at;
    return `[${[...tokens.slice(0, stage), ...tokens.slice(at + 1)].join(" ")}] ${m[2]}`;
}
/**
 * A key per step that is the same in every run of the same build step: sha256 over the step's name and the keys of
 * its inputs, 32 hex digits.
 *
 * Why not the vertex digest: the Dockerfile frontend's local source op carries the session ID
 * (`local.session`, moby/buildkit v0.13 frontend/dockerfile/dockerfile2llb), so every step downstream of the
 * build context gets a new digest each run, even when BuildKit reports it cached (measured on Docker 26.1's
 * BuildKit v0.13: `COPY a.txt` and every later step of its stage changed digest between two cached runs). Names
 * are stable (`FROM` carries the resolved image digest), and chaining the inputs' keys tells apart identical lines
 * in different positions of the graph.
 *
 * The stage label and step number are left out of the name ("[build 1/5] FROM x" -> "[] FROM x", the platform
 * kept): an op that two stages share, such as the same FROM, is one vertex, and the daemon names it after either
 * stage, not always the same one (seen on BuildKit v0.13: "[build 1/5] FROM ..." in one run, "[stage-1 1/5] FROM
 * ..." in the next). Where a step sits is still in the key, through its inputs.
 *
 * Names can hold build-arg values, which is why only this hash is ever stored, never a name.
 */
function step_keys_stepKeys(steps) {
    const byDigest = new Map(steps.map((s) => [s.digest, s]));
    const keys = new Map();
    const visiting = new Set();
    const keyOf = (digest) => {
        const known = keys.get(digest);
        if (known !== undefined)
            return known;
        const step = byDigest.get(digest);
        // An input the daemon never reported (or a cycle, which LLB cannot have): its digest is the best key there is.
        if (step === undefined || visiting.has(digest))
            return digest;
        visiting.add(digest);
        const inputs = step.inputs.map(keyOf).sort();
        visiting.delete(digest);
        const key = createHash("sha256")
            .update(`${recipe}\0${stableStepName(step.name)}\0${inputs.join(",")}`)
            .digest("hex")
            .slice(0, 32);
        keys.set(digest, key);
        return key;
    };
    for (const step of steps)
        keyOf(step.digest);
    return keys;
}

;// CONCATENATED MODULE: ./build/progress/step-times.js

const stepTimesDefaults = Object.freeze({
    /**
     * Entries kept. A key and a duration are ~50 bytes of JSON, so the record stays under 25 KB: small enough to
     * read before every summary and to store as one runner cache entry, and enough for the steps of several
     * multi-platform Dockerfiles built with the same builder.
     */
    maxEntries: 500,
});
/**
 * Compares one finished build with the record. Each cached step whose key has a recorded duration adds it to the
 * time saved; each step that ran to completion without error records its duration (replacing an older one: the
 * step's inputs changed, so the newest run is the fairer reference). Entries used or measured move to the recent
 * end; the oldest beyond `maxEntries` are dropped. Pure.
 */
function applyStepTimes(prior, record, options = {}) {
    const maxEntries = options.maxEntries ?? stepTimesDefaults.maxEntries;
    const keys = stepKeys(record.list());
    const touched = new Map();
    let savedMs = 0;
    let knownSteps = 0;
    let measured = 0;
    for (const step of record.cacheableSteps()) {
        const key = keys.get(step.digest);
        if (key === undefined)
            continue;
        if (step.cached) {
            const ms = prior.get(key);
            if (ms === undefined)
                continue;
            knownSteps++;
            savedMs += ms;
            touched.set(key, ms);
        }
        else if (!step.error && step.startedMs !== undefined && step.completedMs !== undefined) {
            const ms = step.completedMs - step.startedMs;
            if (ms < 0)
                continue;
            touched.set(key, ms);
            measured++;
        }
    }
    const merged = new Map([...prior].filter(([key]) => !touched.has(key)));
    for (const [key, ms] of touched)
        merged.set(key, ms);
    const next = new Map([...merged].slice(Math.max(0, merged.size - maxEntries)));
    const saved = knownSteps === 0 ? undefined : { savedMs, knownSteps, cachedSteps: record.cacheStats().cached };
    return { saved, next, measured };
}
// Bumped when the stored shape changes; a record of another version reads as empty.
const formatVersion = 1;
/** The stored form: `{"version":1,"steps":[[key, ms], ...]}`, oldest first (JSON objects would reorder digit keys). */
function step_times_serializeStepTimes(times) {
    return JSON.stringify({ version: formatVersion, steps: [...times] });
}
/**
 * Reads a stored record. Anything unreadable (another version, a truncated file, hand edits) reads as an empty
 * record: a lost record only costs the savings line of one summary. At most `maxEntries` newest entries are kept.
 */
function step_times_parseStepTimes(text, options = {}) {
    const maxEntries = options.maxEntries ?? stepTimesDefaults.maxEntries;
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return new Map();
    }
    if (typeof doc !== "object" || doc === null)
        return new Map();
    const { version, steps } = doc;
    if (version !== formatVersion || !Array.isArray(steps))
        return new Map();
    const times = new Map();
    for (const entry of steps) {
        if (!Array.isArray(entry) || entry.length !== 2)
            continue;
        const [key, ms] = entry;
        if (typeof key !== "string" || !/^[0-9a-f]{32}$/.test(key))
            continue;
        if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0)
            continue;
        times.delete(key);
        times.set(key, Math.round(ms));
    }
    return new Map([...times].slice(Math.max(0, times.size - maxEntries)));
}
/** "~41.2 s saved against earlier uncached runs", with how many cached steps that covers when not all. */
function formatTimeSaved(saved) {
    const partial = saved.knownSteps < saved.cachedSteps ? ` (${saved.knownSteps} of the ${saved.cachedSteps} cached steps)` : "";
    return `~${(saved.savedMs / 1000).toFixed(1)} s saved against earlier uncached runs${partial}`;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./build/build/step-times-file.js





/**
 * Which builder a step-times record belongs to: the driver and where it runs. Durations measured on one builder say
 * little about another (a laptop's daemon, a remote farm), so each gets its own record.
 */
function builderScope(builder, env, builderName = "kiln") {
    switch (builder.driver) {
        case "docker":
            return `docker ${builder.dockerHost ?? env["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"}`;
        case "docker-container":
            return `docker-container ${builderName} ${builder.dockerHost ?? env["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"}`;
        case "remote":
            return `remote ${builder.endpoint}`;
    }
}
/** First 16 hex digits of the sha256 of a scope: a file name or cache key part that reveals no host names. */
function step_times_file_scopeId(scope) {
    return createHash("sha256").update(scope).digest("hex").slice(0, 16);
}
/**
 * `$XDG_CACHE_HOME/kiln/step-times/<scope id>.json`, `~/.cache/kiln/...` when XDG_CACHE_HOME is unset or relative
 * (the XDG base directory spec says to ignore relative paths).
 */
function stepTimesFile(env, scope) {
    const xdg = env["XDG_CACHE_HOME"];
    const base = xdg && isAbsolute(xdg) ? xdg : join(env["HOME"] || homedir(), ".cache");
    return join(base, "kiln", "step-times", `${step_times_file_scopeId(scope)}.json`);
}
/** The record in `path`; empty when there is none yet. Rejects only when the file exists and cannot be read. */
async function step_times_file_readStepTimesFile(path) {
    try {
        return parseStepTimes(await readFile(path, "utf8"));
    }
    catch (cause) {
        if (cause.code === "ENOENT")
            return new Map();
        throw new Error(`failed to read step times from ${path}: ${cause.message}`, { cause });
    }
}
/**
 * Writes the record through a temporary file and a rename, so a concurrent build on the same builder reads the old
 * record or the new one, never half of one (the last writer wins).
 */
async function step_times_file_writeStepTimesFile(path, times) {
    const temp = `${path}.${process.pid}.tmp`;
    try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(temp, serializeStepTimes(times));
        await rename(temp, path);
    }
    catch (cause) {
        throw new Error(`failed to write step times to ${path}: ${cause.message}`, { cause });
    }
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
const step_times_sha256 = (text) => (0,external_node_crypto_.createHash)("sha256").update(text).digest("hex");
/**
 * Writes the merged record to the job's working copy and returns the post step's state: the place and a digest of
 * what this step wrote, so that only the job's last Kiln step (whose copy is the newest) saves it.
 */
async function writeJobStepTimes(place, times) {
    await writeStepTimesFile(place.file, times);
    return JSON.stringify({ ...place, digest: step_times_sha256(serializeStepTimes(times)) });
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
        if (step_times_sha256(await (0,promises_.readFile)(file, "utf8")) !== digest)
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
