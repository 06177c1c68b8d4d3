export const id = 279;
export const ids = [279];
export const modules = {

/***/ 8279:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readBack: () => (/* binding */ readBack)
/* harmony export */ });
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(64528);
/* harmony import */ var _verify_push_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29747);


/**
 * After the daemon pushed: reads the image back by the digest the exporter reported, then checks where the tags
 * point. A tag another build moved on is a warning naming both digests; the outputs still describe this build.
 * When the registry cannot be read (after the client's retries) the push itself has succeeded, so the step warns
 * "pushed <digest>, could not verify: ..." and still reports the digest. A read that shows the image is not what
 * was promised (a platform or attestation missing) throws.
 */
async function readBack(registry, names, digest, expect, options) {
    const call = options.signal ? { signal: options.signal } : {};
    const first = names[0];
    let pushed;
    try {
        pushed = await (0,_verify_push_js__WEBPACK_IMPORTED_MODULE_0__/* .verifyPush */ .g$)(registry, first, expect, { ...call, ...(digest ? { digest } : {}) });
    }
    catch (err) {
        if (!(err instanceof _registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .g) || err.code !== "unavailable" || digest === undefined)
            throw err;
        options.warn(`pushed ${digest}, could not verify: ${err.message}`);
        return { digest, digests: {}, attestations: {}, buildinfo: {} };
    }
    if (options.byDigest)
        return pushed;
    try {
        for (const moved of await (0,_verify_push_js__WEBPACK_IMPORTED_MODULE_0__/* .movedTags */ .lG)(registry, names, pushed.digest, call)) {
            options.warn(`${moved.name} now points at ${moved.now}, not at ${moved.pushed} that this build pushed: another push of the same tag came after it`);
        }
    }
    catch (err) {
        if (!(err instanceof _registry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .g) || err.code !== "unavailable")
            throw err;
        options.warn(`pushed ${pushed.digest}, could not check where its tags point: ${err.message}`);
    }
    return pushed;
}


/***/ })

};
