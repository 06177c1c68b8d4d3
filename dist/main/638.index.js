export const id = 638;
export const ids = [638];
export const modules = {

/***/ 89638:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionsRunnerCache: () => (/* reexport */ actionsRunnerCache),
  restoreRunnerCaches: () => (/* binding */ restoreRunnerCaches),
  saveImagesFromState: () => (/* binding */ saveImagesFromState),
  saveLocalCaches: () => (/* binding */ saveLocalCaches),
  saveStepTimes: () => (/* binding */ saveStepTimes)
});

// EXTERNAL MODULE: ./build/builder/docker-container/container-plan.js
var container_plan = __webpack_require__(69190);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 35 modules
var cache = __webpack_require__(60142);
// EXTERNAL MODULE: ./build/shared/message-of.js
var message_of = __webpack_require__(19677);
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
function actionsRunnerCache() {
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
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/docker/system.js
var system = __webpack_require__(84996);
// EXTERNAL MODULE: ./build/docker/images.js
var docker_images = __webpack_require__(9351);
// EXTERNAL MODULE: ./build/docker/image-archive.js + 1 modules
var image_archive = __webpack_require__(46098);
// EXTERNAL MODULE: ./build/action/runner-cache/keys.js
var keys = __webpack_require__(12581);
;// CONCATENATED MODULE: ./build/action/runner-cache/images.js





function dockerImageStore(host) {
    return {
        platform: async (o) => {
            const v = await (0,system/* version */.rE)(host, o);
            return { os: v.Os, arch: v.Arch };
        },
        imageId: async (ref, o) => (await (0,docker_images/* findPinnedImage */.Nc)(host, ref, o))?.id,
        // Each pinned image goes into the archive under its pinned ref and its local alias tag too: the classic image
        // store drops the digest ref on save and reads only tags on load, so after a restore there the builder finds
        // the image by the alias (findPinnedImage); the containerd store keeps both names.
        save: async (refs, file, o) => {
            const aliases = [];
            for (const ref of refs) {
                const alias = (0,docker_images/* pinnedImageAlias */.us)(ref);
                if (alias === undefined)
                    continue;
                await (0,docker_images/* tagImage */.E$)(host, ref, alias, o);
                aliases.push(alias);
            }
            await (0,image_archive/* saveImages */.Kt)(host, [...refs, ...aliases], file, o);
        },
        load: async (file, o) => {
            await (0,image_archive/* loadImages */.z6)(host, file, o);
        },
    };
}
/** The GITHUB_STATE name the action keeps `ImageCacheState` under. */
const imageCacheStateKey = "image-cache";
function serializeImageCacheState(state) {
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
async function restoreBuilderImages(options) {
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
            const key = (0,keys/* imageCacheKey */.rg)(image, platform);
            if (!key) {
                log(`image cache: ${image} is not pinned by digest; not cached`);
                entries.push({ image, outcome: "not-pinned" });
                continue;
            }
            if ((await store.imageId(image, call)) !== undefined) {
                entries.push({ image, key, outcome: "present" });
                continue;
            }
            const archive = (0,external_node_path_.join)(options.tempDir, "kiln-image-cache", `${key}.tar`);
            let hit;
            try {
                await (0,promises_.mkdir)((0,external_node_path_.dirname)(archive), { recursive: true });
                hit = await cache.restore([archive], key);
            }
            catch (err) {
                // A cache outage now may be over by the post step: still try to save.
                log(`image cache: could not restore ${image}: ${(0,message_of/* messageOf */.b)(err)}`);
                entries.push({ image, key, outcome: "failed", detail: (0,message_of/* messageOf */.b)(err) });
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
            log(`image cache: skipped ${image}: ${(0,message_of/* messageOf */.b)(err)}`);
            entries.push({ image, outcome: "failed", detail: (0,message_of/* messageOf */.b)(err) });
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
        log(`image cache: could not load ${image} from the runner cache: ${(0,message_of/* messageOf */.b)(err)}`);
        return { image, key, outcome: "failed", detail: (0,message_of/* messageOf */.b)(err) };
    }
    finally {
        await (0,promises_.rm)(archive, { force: true });
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

// EXTERNAL MODULE: ./build/action/matrix-leg.js
var matrix_leg = __webpack_require__(3215);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./build/action/runner-cache/local-dirs.js





/**
 * Before the build: restores the newest entry an earlier run saved for this directory (by key prefix), unless the
 * directory already holds a cache. Never throws for cache trouble: a miss only costs the rebuild.
 */
async function restoreLocalCacheDir(options) {
    const { cache, dir, log } = options;
    const prefix = (0,keys/* localCacheKeyPrefix */.HX)(dir, options.scope);
    const key = (0,keys/* localCacheKey */.jR)(dir, options.scope, options.run);
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
        log(`local cache ${dir}: could not restore: ${(0,message_of/* messageOf */.b)(err)}`);
        return { ...base, outcome: "failed", detail: (0,message_of/* messageOf */.b)(err) };
    }
}
/**
 * After the export: saves the directory under this run's key. The export has already replaced the directory's
 * content (index.json re-tagged, unreachable blobs garbage-collected), so what is saved is one cache, not the
 * sum of every run's. Skips a directory the build left unchanged or empty. Never throws for cache trouble.
 */
async function saveLocalCacheDir(options) {
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
        log(`local cache ${dir}: could not save: ${(0,message_of/* messageOf */.b)(err)}`);
        return { dir, key, outcome: "failed", detail: (0,message_of/* messageOf */.b)(err) };
    }
}
/** sha256 of `<dir>/index.json`, or undefined when there is none. */
async function indexDigest(dir) {
    try {
        return (0,external_node_crypto_.createHash)("sha256")
            .update(await (0,promises_.readFile)((0,external_node_path_.join)(dir, "index.json")))
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
    for (const entry of await (0,promises_.readdir)(dir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile())
            total += (await (0,promises_.stat)((0,external_node_path_.join)(entry.parentPath, entry.name))).size;
    }
    return total;
}

// EXTERNAL MODULE: ./build/action/runner-cache/step-times.js
var step_times = __webpack_require__(62456);
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
            images: [plan.builder.container?.image ?? container_plan/* DEFAULT_BUILDKIT_IMAGE */.LX],
            log: context.log,
        });
        imageState = serializeImageCacheState(state);
    }
    const scope = (0,keys/* localCacheScope */.og)(context.env, (0,matrix_leg/* matrixLegId */.X)(plan, context.env["GITHUB_SHA"]));
    const run = (0,keys/* runSuffix */.$C)(context.env);
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
        store: dockerImageStore(dockerHost),
        cache: actionsRunnerCache(),
        state: parseImageCacheState(state),
        log,
    });
}
/** In the post step: saves the job's step-times record (see step-times-cache.ts) when this step wrote it last. */
async function saveStepTimes(state, log) {
    await (0,step_times/* saveStepTimesFromState */.$t)(state, actionsRunnerCache(), log);
}


/***/ })

};
