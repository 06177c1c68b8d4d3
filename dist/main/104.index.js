export const id = 104;
export const ids = [104];
export const modules = {

/***/ 23104:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readBuildHistory: () => (/* binding */ readBuildHistory)
/* harmony export */ });
/* harmony import */ var _bufbuild_protobuf_wkt__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(42348);
/* harmony import */ var _gen_moby_buildkit_v1_control_pb_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(91235);


function dateOf(t) {
    return t === undefined ? undefined : (0,_bufbuild_protobuf_wkt__WEBPACK_IMPORTED_MODULE_0__/* .timestampDate */ .FP)(t);
}
function toHistoryRecord(r) {
    return {
        ref: r.Ref,
        frontend: r.Frontend,
        createdAt: dateOf(r.CreatedAt),
        completedAt: dateOf(r.CompletedAt),
        cachedSteps: r.numCachedSteps,
        completedSteps: r.numCompletedSteps,
        totalSteps: r.numTotalSteps,
    };
}
/** Control.ListenBuildHistory until the daemon has sent what it holds (BuildkitClient.buildHistory). */
async function readBuildHistory(channel, options) {
    // EarlyExit: the daemon sends what it has and ends the stream instead of following new builds.
    const call = await channel.serverStream("listenBuildHistory", { Ref: options.ref ?? "", EarlyExit: true }, options);
    const records = new Map();
    return new Promise((resolve, reject) => {
        call.on("data", (e) => {
            const r = e.record;
            if (r === undefined)
                return;
            if (e.type === _gen_moby_buildkit_v1_control_pb_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildHistoryEventType */ .Dy.DELETED)
                records.delete(r.Ref);
            else
                records.set(r.Ref, toHistoryRecord(r));
        });
        call.on("error", (err) => reject(channel.wrap("read BuildKit build history", err)));
        call.on("end", () => resolve([...records.values()]));
    });
}


/***/ }),

/***/ 91235:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dy: () => (/* binding */ BuildHistoryEventType),
/* harmony export */   Ec: () => (/* binding */ Control),
/* harmony export */   MG: () => (/* binding */ SolveRequestSchema),
/* harmony export */   mo: () => (/* binding */ file_moby_buildkit_v1_control)
/* harmony export */ });
/* unused harmony exports PruneRequestSchema, DiskUsageRequestSchema, DiskUsageResponseSchema, UsageRecordSchema, ExporterSchema, CacheOptionsSchema, CacheOptionsEntrySchema, SolveResponseSchema, StatusRequestSchema, StatusResponseSchema, VertexSchema, VertexStatusSchema, VertexLogSchema, VertexWarningSchema, BytesMessageSchema, ListWorkersRequestSchema, ListWorkersResponseSchema, InfoRequestSchema, InfoResponseSchema, WorkerRecordSchema, BuildkitVersionSchema, PlatformSchema, ProgressGroupSchema, SourceInfoSchema, RangeSchema, PositionSchema, BuildHistoryRequestSchema, BuildHistoryEventSchema, BuildHistoryRecordSchema, BuildHistoryEventTypeSchema */
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22987);
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(70104);
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(20652);
/* harmony import */ var _bufbuild_protobuf_wkt__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26641);
// A subset of BuildKit's Control API: only the messages and fields Kiln uses.
// Field numbers from moby/buildkit api/services/control/control.proto (v0.13.2, unchanged at HEAD),
// api/types/worker.proto and solver/pb/ops.proto. Message names do not travel on the wire; the service
// and package names do (method paths are /moby.buildkit.v1.Control/<Method>).


/**
 * Describes the file moby/buildkit/v1/control.proto.
 */
const file_moby_buildkit_v1_control = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_0__/* .fileDesc */ .w)("Ch5tb2J5L2J1aWxka2l0L3YxL2NvbnRyb2wucHJvdG8SEG1vYnkuYnVpbGRraXQudjEiVAoMUHJ1bmVSZXF1ZXN0Eg4KBmZpbHRlchgBIAMoCRILCgNhbGwYAiABKAgSFAoMa2VlcER1cmF0aW9uGAMgASgDEhEKCWtlZXBCeXRlcxgEIAEoAyIiChBEaXNrVXNhZ2VSZXF1ZXN0Eg4KBmZpbHRlchgBIAMoCSJCChFEaXNrVXNhZ2VSZXNwb25zZRItCgZyZWNvcmQYASADKAsyHS5tb2J5LmJ1aWxka2l0LnYxLlVzYWdlUmVjb3JkIoQCCgtVc2FnZVJlY29yZBIKCgJJRBgBIAEoCRIPCgdNdXRhYmxlGAIgASgIEg0KBUluVXNlGAMgASgIEgwKBFNpemUYBCABKAMSLQoJQ3JlYXRlZEF0GAYgASgLMhouZ29vZ2xlLnByb3RvYnVmLlRpbWVzdGFtcBIuCgpMYXN0VXNlZEF0GAcgASgLMhouZ29vZ2xlLnByb3RvYnVmLlRpbWVzdGFtcBISCgpVc2FnZUNvdW50GAggASgDEhMKC0Rlc2NyaXB0aW9uGAkgASgJEhIKClJlY29yZFR5cGUYCiABKAkSDgoGU2hhcmVkGAsgASgIEg8KB1BhcmVudHMYDCADKAki/gMKDFNvbHZlUmVxdWVzdBILCgNSZWYYASABKAkSGgoSRXhwb3J0ZXJEZXByZWNhdGVkGAMgASgJElwKF0V4cG9ydGVyQXR0cnNEZXByZWNhdGVkGAQgAygLMjsubW9ieS5idWlsZGtpdC52MS5Tb2x2ZVJlcXVlc3QuRXhwb3J0ZXJBdHRyc0RlcHJlY2F0ZWRFbnRyeRIPCgdTZXNzaW9uGAUgASgJEhAKCEZyb250ZW5kGAYgASgJEkgKDUZyb250ZW5kQXR0cnMYByADKAsyMS5tb2J5LmJ1aWxka2l0LnYxLlNvbHZlUmVxdWVzdC5Gcm9udGVuZEF0dHJzRW50cnkSLQoFQ2FjaGUYCCABKAsyHi5tb2J5LmJ1aWxka2l0LnYxLkNhY2hlT3B0aW9ucxIUCgxFbnRpdGxlbWVudHMYCSADKAkSEAoISW50ZXJuYWwYCyABKAgSLQoJRXhwb3J0ZXJzGA0gAygLMhoubW9ieS5idWlsZGtpdC52MS5FeHBvcnRlcho+ChxFeHBvcnRlckF0dHJzRGVwcmVjYXRlZEVudHJ5EgsKA2tleRgBIAEoCRINCgV2YWx1ZRgCIAEoCToCOAEaNAoSRnJvbnRlbmRBdHRyc0VudHJ5EgsKA2tleRgBIAEoCRINCgV2YWx1ZRgCIAEoCToCOAEifAoIRXhwb3J0ZXISDAoEVHlwZRgBIAEoCRI0CgVBdHRycxgCIAMoCzIlLm1vYnkuYnVpbGRraXQudjEuRXhwb3J0ZXIuQXR0cnNFbnRyeRosCgpBdHRyc0VudHJ5EgsKA2tleRgBIAEoCRINCgV2YWx1ZRgCIAEoCToCOAEiegoMQ2FjaGVPcHRpb25zEjQKB0V4cG9ydHMYBCADKAsyIy5tb2J5LmJ1aWxka2l0LnYxLkNhY2hlT3B0aW9uc0VudHJ5EjQKB0ltcG9ydHMYBSADKAsyIy5tb2J5LmJ1aWxka2l0LnYxLkNhY2hlT3B0aW9uc0VudHJ5Io4BChFDYWNoZU9wdGlvbnNFbnRyeRIMCgRUeXBlGAEgASgJEj0KBUF0dHJzGAIgAygLMi4ubW9ieS5idWlsZGtpdC52MS5DYWNoZU9wdGlvbnNFbnRyeS5BdHRyc0VudHJ5GiwKCkF0dHJzRW50cnkSCwoDa2V5GAEgASgJEg0KBXZhbHVlGAIgASgJOgI4ASKZAQoNU29sdmVSZXNwb25zZRJPChBFeHBvcnRlclJlc3BvbnNlGAEgAygLMjUubW9ieS5idWlsZGtpdC52MS5Tb2x2ZVJlc3BvbnNlLkV4cG9ydGVyUmVzcG9uc2VFbnRyeRo3ChVFeHBvcnRlclJlc3BvbnNlRW50cnkSCwoDa2V5GAEgASgJEg0KBXZhbHVlGAIgASgJOgI4ASIcCg1TdGF0dXNSZXF1ZXN0EgsKA1JlZhgBIAEoCSLMAQoOU3RhdHVzUmVzcG9uc2USKgoIdmVydGV4ZXMYASADKAsyGC5tb2J5LmJ1aWxka2l0LnYxLlZlcnRleBIwCghzdGF0dXNlcxgCIAMoCzIeLm1vYnkuYnVpbGRraXQudjEuVmVydGV4U3RhdHVzEikKBGxvZ3MYAyADKAsyGy5tb2J5LmJ1aWxka2l0LnYxLlZlcnRleExvZxIxCgh3YXJuaW5ncxgEIAMoCzIfLm1vYnkuYnVpbGRraXQudjEuVmVydGV4V2FybmluZyLpAQoGVmVydGV4Eg4KBmRpZ2VzdBgBIAEoCRIOCgZpbnB1dHMYAiADKAkSDAoEbmFtZRgDIAEoCRIOCgZjYWNoZWQYBCABKAgSKwoHc3RhcnRlZBgFIAEoCzIaLmdvb2dsZS5wcm90b2J1Zi5UaW1lc3RhbXASLQoJY29tcGxldGVkGAYgASgLMhouZ29vZ2xlLnByb3RvYnVmLlRpbWVzdGFtcBINCgVlcnJvchgHIAEoCRI2Cg1wcm9ncmVzc0dyb3VwGAggASgLMh8ubW9ieS5idWlsZGtpdC52MS5Qcm9ncmVzc0dyb3VwIuMBCgxWZXJ0ZXhTdGF0dXMSCgoCSUQYASABKAkSDgoGdmVydGV4GAIgASgJEgwKBG5hbWUYAyABKAkSDwoHY3VycmVudBgEIAEoAxINCgV0b3RhbBgFIAEoAxItCgl0aW1lc3RhbXAYBiABKAsyGi5nb29nbGUucHJvdG9idWYuVGltZXN0YW1wEisKB3N0YXJ0ZWQYByABKAsyGi5nb29nbGUucHJvdG9idWYuVGltZXN0YW1wEi0KCWNvbXBsZXRlZBgIIAEoCzIaLmdvb2dsZS5wcm90b2J1Zi5UaW1lc3RhbXAiZwoJVmVydGV4TG9nEg4KBnZlcnRleBgBIAEoCRItCgl0aW1lc3RhbXAYAiABKAsyGi5nb29nbGUucHJvdG9idWYuVGltZXN0YW1wEg4KBnN0cmVhbRgDIAEoAxILCgNtc2cYBCABKAwirwEKDVZlcnRleFdhcm5pbmcSDgoGdmVydGV4GAEgASgJEg0KBWxldmVsGAIgASgDEg0KBXNob3J0GAMgASgMEg4KBmRldGFpbBgEIAMoDBILCgN1cmwYBSABKAkSKgoEaW5mbxgGIAEoCzIcLm1vYnkuYnVpbGRraXQudjEuU291cmNlSW5mbxInCgZyYW5nZXMYByADKAsyFy5tb2J5LmJ1aWxka2l0LnYxLlJhbmdlIhwKDEJ5dGVzTWVzc2FnZRIMCgRkYXRhGAEgASgMIiQKEkxpc3RXb3JrZXJzUmVxdWVzdBIOCgZmaWx0ZXIYASADKAkiRQoTTGlzdFdvcmtlcnNSZXNwb25zZRIuCgZyZWNvcmQYASADKAsyHi5tb2J5LmJ1aWxka2l0LnYxLldvcmtlclJlY29yZCINCgtJbmZvUmVxdWVzdCJKCgxJbmZvUmVzcG9uc2USOgoPYnVpbGRraXRWZXJzaW9uGAEgASgLMiEubW9ieS5idWlsZGtpdC52MS5CdWlsZGtpdFZlcnNpb24i8AEKDFdvcmtlclJlY29yZBIKCgJJRBgBIAEoCRI6CgZMYWJlbHMYAiADKAsyKi5tb2J5LmJ1aWxka2l0LnYxLldvcmtlclJlY29yZC5MYWJlbHNFbnRyeRItCglwbGF0Zm9ybXMYAyADKAsyGi5tb2J5LmJ1aWxka2l0LnYxLlBsYXRmb3JtEjoKD0J1aWxka2l0VmVyc2lvbhgFIAEoCzIhLm1vYnkuYnVpbGRraXQudjEuQnVpbGRraXRWZXJzaW9uGi0KC0xhYmVsc0VudHJ5EgsKA2tleRgBIAEoCRINCgV2YWx1ZRgCIAEoCToCOAEiRQoPQnVpbGRraXRWZXJzaW9uEg8KB3BhY2thZ2UYASABKAkSDwoHdmVyc2lvbhgCIAEoCRIQCghyZXZpc2lvbhgDIAEoCSJkCghQbGF0Zm9ybRIUCgxBcmNoaXRlY3R1cmUYASABKAkSCgoCT1MYAiABKAkSDwoHVmFyaWFudBgDIAEoCRIRCglPU1ZlcnNpb24YBCABKAkSEgoKT1NGZWF0dXJlcxgFIAMoCSI3Cg1Qcm9ncmVzc0dyb3VwEgoKAmlkGAEgASgJEgwKBG5hbWUYAiABKAkSDAoEd2VhaxgDIAEoCCI+CgpTb3VyY2VJbmZvEhAKCGZpbGVuYW1lGAEgASgJEgwKBGRhdGEYAiABKAwSEAoIbGFuZ3VhZ2UYBCABKAkiWwoFUmFuZ2USKQoFc3RhcnQYASABKAsyGi5tb2J5LmJ1aWxka2l0LnYxLlBvc2l0aW9uEicKA2VuZBgCIAEoCzIaLm1vYnkuYnVpbGRraXQudjEuUG9zaXRpb24iKwoIUG9zaXRpb24SDAoEbGluZRgBIAEoBRIRCgljaGFyYWN0ZXIYAiABKAUiSQoTQnVpbGRIaXN0b3J5UmVxdWVzdBISCgpBY3RpdmVPbmx5GAEgASgIEgsKA1JlZhgCIAEoCRIRCglFYXJseUV4aXQYAyABKAgigAEKEUJ1aWxkSGlzdG9yeUV2ZW50EjUKBHR5cGUYASABKA4yJy5tb2J5LmJ1aWxka2l0LnYxLkJ1aWxkSGlzdG9yeUV2ZW50VHlwZRI0CgZyZWNvcmQYAiABKAsyJC5tb2J5LmJ1aWxka2l0LnYxLkJ1aWxkSGlzdG9yeVJlY29yZCLdAQoSQnVpbGRIaXN0b3J5UmVjb3JkEgsKA1JlZhgBIAEoCRIQCghGcm9udGVuZBgCIAEoCRItCglDcmVhdGVkQXQYBiABKAsyGi5nb29nbGUucHJvdG9idWYuVGltZXN0YW1wEi8KC0NvbXBsZXRlZEF0GAcgASgLMhouZ29vZ2xlLnByb3RvYnVmLlRpbWVzdGFtcBIWCg5udW1DYWNoZWRTdGVwcxgPIAEoBRIVCg1udW1Ub3RhbFN0ZXBzGBAgASgFEhkKEW51bUNvbXBsZXRlZFN0ZXBzGBEgASgFKj8KFUJ1aWxkSGlzdG9yeUV2ZW50VHlwZRILCgdTVEFSVEVEEAASDAoIQ09NUExFVEUQARILCgdERUxFVEVEEAIymAUKB0NvbnRyb2wSVAoJRGlza1VzYWdlEiIubW9ieS5idWlsZGtpdC52MS5EaXNrVXNhZ2VSZXF1ZXN0GiMubW9ieS5idWlsZGtpdC52MS5EaXNrVXNhZ2VSZXNwb25zZRJICgVQcnVuZRIeLm1vYnkuYnVpbGRraXQudjEuUHJ1bmVSZXF1ZXN0Gh0ubW9ieS5idWlsZGtpdC52MS5Vc2FnZVJlY29yZDABEkgKBVNvbHZlEh4ubW9ieS5idWlsZGtpdC52MS5Tb2x2ZVJlcXVlc3QaHy5tb2J5LmJ1aWxka2l0LnYxLlNvbHZlUmVzcG9uc2USTQoGU3RhdHVzEh8ubW9ieS5idWlsZGtpdC52MS5TdGF0dXNSZXF1ZXN0GiAubW9ieS5idWlsZGtpdC52MS5TdGF0dXNSZXNwb25zZTABEk0KB1Nlc3Npb24SHi5tb2J5LmJ1aWxka2l0LnYxLkJ5dGVzTWVzc2FnZRoeLm1vYnkuYnVpbGRraXQudjEuQnl0ZXNNZXNzYWdlKAEwARJaCgtMaXN0V29ya2VycxIkLm1vYnkuYnVpbGRraXQudjEuTGlzdFdvcmtlcnNSZXF1ZXN0GiUubW9ieS5idWlsZGtpdC52MS5MaXN0V29ya2Vyc1Jlc3BvbnNlEkUKBEluZm8SHS5tb2J5LmJ1aWxka2l0LnYxLkluZm9SZXF1ZXN0Gh4ubW9ieS5idWlsZGtpdC52MS5JbmZvUmVzcG9uc2USYgoSTGlzdGVuQnVpbGRIaXN0b3J5EiUubW9ieS5idWlsZGtpdC52MS5CdWlsZEhpc3RvcnlSZXF1ZXN0GiMubW9ieS5idWlsZGtpdC52MS5CdWlsZEhpc3RvcnlFdmVudDABYgZwcm90bzM", [_bufbuild_protobuf_wkt__WEBPACK_IMPORTED_MODULE_1__/* .file_google_protobuf_timestamp */ .i]);
/**
 * Describes the message moby.buildkit.v1.PruneRequest.
 * Use `create(PruneRequestSchema)` to create a new message.
 */
const PruneRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 0)));
/**
 * Describes the message moby.buildkit.v1.DiskUsageRequest.
 * Use `create(DiskUsageRequestSchema)` to create a new message.
 */
const DiskUsageRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 1)));
/**
 * Describes the message moby.buildkit.v1.DiskUsageResponse.
 * Use `create(DiskUsageResponseSchema)` to create a new message.
 */
const DiskUsageResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 2)));
/**
 * Describes the message moby.buildkit.v1.UsageRecord.
 * Use `create(UsageRecordSchema)` to create a new message.
 */
const UsageRecordSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 3)));
/**
 * Describes the message moby.buildkit.v1.SolveRequest.
 * Use `create(SolveRequestSchema)` to create a new message.
 */
const SolveRequestSchema = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_2__/* .messageDesc */ .Z)(file_moby_buildkit_v1_control, 4);
/**
 * Describes the message moby.buildkit.v1.Exporter.
 * Use `create(ExporterSchema)` to create a new message.
 */
const ExporterSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 5)));
/**
 * Describes the message moby.buildkit.v1.CacheOptions.
 * Use `create(CacheOptionsSchema)` to create a new message.
 */
const CacheOptionsSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 6)));
/**
 * Describes the message moby.buildkit.v1.CacheOptionsEntry.
 * Use `create(CacheOptionsEntrySchema)` to create a new message.
 */
const CacheOptionsEntrySchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 7)));
/**
 * Describes the message moby.buildkit.v1.SolveResponse.
 * Use `create(SolveResponseSchema)` to create a new message.
 */
const SolveResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 8)));
/**
 * Describes the message moby.buildkit.v1.StatusRequest.
 * Use `create(StatusRequestSchema)` to create a new message.
 */
const StatusRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 9)));
/**
 * Describes the message moby.buildkit.v1.StatusResponse.
 * Use `create(StatusResponseSchema)` to create a new message.
 */
const StatusResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 10)));
/**
 * Describes the message moby.buildkit.v1.Vertex.
 * Use `create(VertexSchema)` to create a new message.
 */
const VertexSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 11)));
/**
 * Describes the message moby.buildkit.v1.VertexStatus.
 * Use `create(VertexStatusSchema)` to create a new message.
 */
const VertexStatusSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 12)));
/**
 * Describes the message moby.buildkit.v1.VertexLog.
 * Use `create(VertexLogSchema)` to create a new message.
 */
const VertexLogSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 13)));
/**
 * Describes the message moby.buildkit.v1.VertexWarning.
 * Use `create(VertexWarningSchema)` to create a new message.
 */
const VertexWarningSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 14)));
/**
 * Describes the message moby.buildkit.v1.BytesMessage.
 * Use `create(BytesMessageSchema)` to create a new message.
 */
const BytesMessageSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 15)));
/**
 * Describes the message moby.buildkit.v1.ListWorkersRequest.
 * Use `create(ListWorkersRequestSchema)` to create a new message.
 */
const ListWorkersRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 16)));
/**
 * Describes the message moby.buildkit.v1.ListWorkersResponse.
 * Use `create(ListWorkersResponseSchema)` to create a new message.
 */
const ListWorkersResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 17)));
/**
 * Describes the message moby.buildkit.v1.InfoRequest.
 * Use `create(InfoRequestSchema)` to create a new message.
 */
const InfoRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 18)));
/**
 * Describes the message moby.buildkit.v1.InfoResponse.
 * Use `create(InfoResponseSchema)` to create a new message.
 */
const InfoResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 19)));
/**
 * Describes the message moby.buildkit.v1.WorkerRecord.
 * Use `create(WorkerRecordSchema)` to create a new message.
 */
const WorkerRecordSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 20)));
/**
 * Describes the message moby.buildkit.v1.BuildkitVersion.
 * Use `create(BuildkitVersionSchema)` to create a new message.
 */
const BuildkitVersionSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 21)));
/**
 * Describes the message moby.buildkit.v1.Platform.
 * Use `create(PlatformSchema)` to create a new message.
 */
const PlatformSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 22)));
/**
 * Describes the message moby.buildkit.v1.ProgressGroup.
 * Use `create(ProgressGroupSchema)` to create a new message.
 */
const ProgressGroupSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 23)));
/**
 * Describes the message moby.buildkit.v1.SourceInfo.
 * Use `create(SourceInfoSchema)` to create a new message.
 */
const SourceInfoSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 24)));
/**
 * Describes the message moby.buildkit.v1.Range.
 * Use `create(RangeSchema)` to create a new message.
 */
const RangeSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 25)));
/**
 * Describes the message moby.buildkit.v1.Position.
 * Use `create(PositionSchema)` to create a new message.
 */
const PositionSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 26)));
/**
 * Describes the message moby.buildkit.v1.BuildHistoryRequest.
 * Use `create(BuildHistoryRequestSchema)` to create a new message.
 */
const BuildHistoryRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 27)));
/**
 * Describes the message moby.buildkit.v1.BuildHistoryEvent.
 * Use `create(BuildHistoryEventSchema)` to create a new message.
 */
const BuildHistoryEventSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 28)));
/**
 * Describes the message moby.buildkit.v1.BuildHistoryRecord.
 * Use `create(BuildHistoryRecordSchema)` to create a new message.
 */
const BuildHistoryRecordSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_control, 29)));
/**
 * @generated from enum moby.buildkit.v1.BuildHistoryEventType
 */
var BuildHistoryEventType;
(function (BuildHistoryEventType) {
    /**
     * @generated from enum value: STARTED = 0;
     */
    BuildHistoryEventType[BuildHistoryEventType["STARTED"] = 0] = "STARTED";
    /**
     * @generated from enum value: COMPLETE = 1;
     */
    BuildHistoryEventType[BuildHistoryEventType["COMPLETE"] = 1] = "COMPLETE";
    /**
     * @generated from enum value: DELETED = 2;
     */
    BuildHistoryEventType[BuildHistoryEventType["DELETED"] = 2] = "DELETED";
})(BuildHistoryEventType || (BuildHistoryEventType = {}));
/**
 * Describes the enum moby.buildkit.v1.BuildHistoryEventType.
 */
const BuildHistoryEventTypeSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (enumDesc(file_moby_buildkit_v1_control, 0)));
/**
 * @generated from service moby.buildkit.v1.Control
 */
const Control = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_3__/* .serviceDesc */ .Z)(file_moby_buildkit_v1_control, 0);


/***/ }),

/***/ 26641:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ file_google_protobuf_timestamp),
/* harmony export */   w: () => (/* binding */ TimestampSchema)
/* harmony export */ });
/* harmony import */ var _codegenv2_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22987);
/* harmony import */ var _codegenv2_message_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70104);
// Copyright 2021-2026 Buf Technologies, Inc.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//      http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.


/**
 * Describes the file google/protobuf/timestamp.proto.
 */
const file_google_protobuf_timestamp = /*@__PURE__*/ (0,_codegenv2_file_js__WEBPACK_IMPORTED_MODULE_0__/* .fileDesc */ .w)("Ch9nb29nbGUvcHJvdG9idWYvdGltZXN0YW1wLnByb3RvEg9nb29nbGUucHJvdG9idWYiKwoJVGltZXN0YW1wEg8KB3NlY29uZHMYASABKAMSDQoFbmFub3MYAiABKAVChQEKE2NvbS5nb29nbGUucHJvdG9idWZCDlRpbWVzdGFtcFByb3RvUAFaMmdvb2dsZS5nb2xhbmcub3JnL3Byb3RvYnVmL3R5cGVzL2tub3duL3RpbWVzdGFtcHBi+AEBogIDR1BCqgIeR29vZ2xlLlByb3RvYnVmLldlbGxLbm93blR5cGVzYgZwcm90bzM");
/**
 * Describes the message google.protobuf.Timestamp.
 * Use `create(TimestampSchema)` to create a new message.
 */
const TimestampSchema = /*@__PURE__*/ (0,_codegenv2_message_js__WEBPACK_IMPORTED_MODULE_1__/* .messageDesc */ .Z)(file_google_protobuf_timestamp, 0);


/***/ }),

/***/ 42348:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FP: () => (/* binding */ timestampDate),
/* harmony export */   tp: () => (/* binding */ timestampFromMs)
/* harmony export */ });
/* unused harmony exports timestampNow, timestampFromDate, timestampMs */
/* harmony import */ var _google_protobuf_timestamp_pb_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26641);
/* harmony import */ var _create_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39838);
/* harmony import */ var _proto_int64_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42857);
// Copyright 2021-2026 Buf Technologies, Inc.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//      http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.



/**
 * Create a google.protobuf.Timestamp for the current time.
 */
function timestampNow() {
    return timestampFromDate(new Date());
}
/**
 * Create a google.protobuf.Timestamp message from an ECMAScript Date.
 */
function timestampFromDate(date) {
    return timestampFromMs(date.getTime());
}
/**
 * Convert a google.protobuf.Timestamp message to an ECMAScript Date.
 */
function timestampDate(timestamp) {
    return new Date(timestampMs(timestamp));
}
/**
 * Create a google.protobuf.Timestamp message from a Unix timestamp in milliseconds.
 */
function timestampFromMs(timestampMs) {
    const seconds = Math.floor(timestampMs / 1000);
    return (0,_create_js__WEBPACK_IMPORTED_MODULE_0__/* .create */ .v)(_google_protobuf_timestamp_pb_js__WEBPACK_IMPORTED_MODULE_1__/* .TimestampSchema */ .w, {
        seconds: _proto_int64_js__WEBPACK_IMPORTED_MODULE_2__/* .protoInt64 */ .M.parse(seconds),
        nanos: (timestampMs - seconds * 1000) * 1000000,
    });
}
/**
 * Convert a google.protobuf.Timestamp to a Unix timestamp in milliseconds.
 */
function timestampMs(timestamp) {
    return (Number(timestamp.seconds) * 1000 + Math.round(timestamp.nanos / 1000000));
}


/***/ })

};
