export const id = 546;
export const ids = [546];
export const modules = {

/***/ 1546:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   methodDefinition: () => (/* binding */ methodDefinition),
/* harmony export */   request: () => (/* binding */ request)
/* harmony export */ });
/* harmony import */ var _bufbuild_protobuf__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9838);
/* harmony import */ var _gen_moby_buildkit_v1_control_pb_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1235);
/* harmony import */ var _grpc_service_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1175);



const definition = (0,_grpc_service_js__WEBPACK_IMPORTED_MODULE_0__/* .grpcService */ .UL)(_gen_moby_buildkit_v1_control_pb_js__WEBPACK_IMPORTED_MODULE_1__/* .Control */ .Ec);
/** The grpc-js definition of `method`: its path and its protobuf (de)serialisers. */
function methodDefinition(method) {
    return definition[method];
}
/** `init` (a plain object or an already built message) as the method's request message. */
function request(method, init) {
    return (0,_bufbuild_protobuf__WEBPACK_IMPORTED_MODULE_2__/* .create */ .v)(_gen_moby_buildkit_v1_control_pb_js__WEBPACK_IMPORTED_MODULE_1__/* .Control */ .Ec.method[method].input, init);
}


/***/ }),

/***/ 1235:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dy: () => (/* binding */ BuildHistoryEventType),
/* harmony export */   Ec: () => (/* binding */ Control),
/* harmony export */   MG: () => (/* binding */ SolveRequestSchema),
/* harmony export */   mo: () => (/* binding */ file_moby_buildkit_v1_control)
/* harmony export */ });
/* unused harmony exports PruneRequestSchema, DiskUsageRequestSchema, DiskUsageResponseSchema, UsageRecordSchema, ExporterSchema, CacheOptionsSchema, CacheOptionsEntrySchema, SolveResponseSchema, StatusRequestSchema, StatusResponseSchema, VertexSchema, VertexStatusSchema, VertexLogSchema, VertexWarningSchema, BytesMessageSchema, ListWorkersRequestSchema, ListWorkersResponseSchema, InfoRequestSchema, InfoResponseSchema, WorkerRecordSchema, BuildkitVersionSchema, PlatformSchema, ProgressGroupSchema, SourceInfoSchema, RangeSchema, PositionSchema, BuildHistoryRequestSchema, BuildHistoryEventSchema, BuildHistoryRecordSchema, BuildHistoryEventTypeSchema */
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2987);
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(104);
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(652);
/* harmony import */ var _bufbuild_protobuf_wkt__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6641);
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

/***/ 1175:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bp: () => (/* binding */ methodPath),
/* harmony export */   UL: () => (/* binding */ grpcService),
/* harmony export */   Yh: () => (/* binding */ rawMethod)
/* harmony export */ });
/* harmony import */ var _bufbuild_protobuf__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1015);
/* harmony import */ var _bufbuild_protobuf__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9859);

function serializer(schema) {
    return (value) => {
        const bytes = (0,_bufbuild_protobuf__WEBPACK_IMPORTED_MODULE_0__/* .toBinary */ .R)(schema, value);
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    };
}
function deserializer(schema) {
    return (bytes) => (0,_bufbuild_protobuf__WEBPACK_IMPORTED_MODULE_1__/* .fromBinary */ .Er)(schema, bytes);
}
/** The gRPC path of a method: "/package.Service/Method", as it travels in HTTP/2 `:path`. */
function methodPath(method) {
    return `/${method.parent.typeName}/${method.name}`;
}
function methodDefinition(method) {
    return {
        path: methodPath(method),
        requestStream: method.methodKind === "client_streaming" || method.methodKind === "bidi_streaming",
        responseStream: method.methodKind === "server_streaming" || method.methodKind === "bidi_streaming",
        requestSerialize: serializer(method.input),
        requestDeserialize: deserializer(method.input),
        responseSerialize: serializer(method.output),
        responseDeserialize: deserializer(method.output),
        originalName: method.localName,
    };
}
/**
 * Turns a protobuf-es service descriptor into the definition grpc-js wants, keyed by the method's local
 * (camelCase) name, for both client stubs and server handlers.
 */
function grpcService(service) {
    return Object.fromEntries(service.methods.map((m) => [m.localName, methodDefinition(m)]));
}
/** A method whose messages pass through as raw bytes, for streams declared with one type but carrying another. */
function rawMethod(path, requestStream, responseStream) {
    const identity = (b) => b;
    return {
        path,
        requestStream,
        responseStream,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
    };
}


/***/ }),

/***/ 1015:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ toBinary)
});

// UNUSED EXPORTS: writeField

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/wire/binary-encoding.js + 1 modules
var binary_encoding = __webpack_require__(1377);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/descriptors.js
var descriptors = __webpack_require__(2567);
;// CONCATENATED MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/reflect/error.js
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
const errorNames = (/* unused pure expression or super */ null && ([
    "FieldValueInvalidError",
    "FieldListRangeError",
    "ForeignFieldError",
]));
class FieldError extends Error {
    constructor(fieldOrOneof, message, name = "FieldValueInvalidError") {
        super(message);
        this.name = name;
        this.field = () => fieldOrOneof;
    }
}
function isFieldError(arg) {
    return (arg instanceof Error &&
        errorNames.includes(arg.name) &&
        "field" in arg &&
        typeof arg.field == "function");
}

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/reflect/message.js
var message = __webpack_require__(3792);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/proto-int64.js
var proto_int64 = __webpack_require__(2857);
;// CONCATENATED MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/to-binary.js
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






// bootstrap-inject google.protobuf.FeatureSet.FieldPresence.IMPLICIT: const $name = $number;
const IMPLICIT = 2;
// bootstrap-inject google.protobuf.FeatureSet.FieldPresence.LEGACY_REQUIRED: const $name = $number;
const LEGACY_REQUIRED = 3;
// Default options for serializing binary data.
const writeDefaults = {
    writeUnknownFields: true,
};
function makeWriteOptions(options) {
    return options ? Object.assign(Object.assign({}, writeDefaults), options) : writeDefaults;
}
function toBinary(schema, message, options) {
    const writer = new binary_encoding/* BinaryWriter */.fI();
    compiledWriter(schema)(writer, makeWriteOptions(options), message);
    return writer.finish();
}
const compiledWriters = new WeakMap();
/**
 * Return the compiled encoder for a message, compiling it on first use.
 */
function compiledWriter(desc) {
    let compiled = compiledWriters.get(desc);
    if (compiled === undefined) {
        compiled = compileMessage(desc);
    }
    return compiled;
}
function compileMessage(desc) {
    const typeName = desc.typeName;
    const sortedFields = desc.fields.concat().sort((a, b) => a.number - b.number);
    // The field reported in ForeignFieldError.
    const foreignField = sortedFields[0];
    const fieldWriters = [];
    const compiled = (writer, opts, message) => {
        if (message.$typeName !== typeName && foreignField !== undefined) {
            throw new FieldError(foreignField, `cannot use ${foreignField} with message ${message.$typeName}`, "ForeignFieldError");
        }
        for (let i = 0; i < fieldWriters.length; i++) {
            fieldWriters[i](writer, opts, message);
        }
        const unknown = message.$unknown;
        if (unknown !== undefined && opts.writeUnknownFields) {
            for (let i = 0; i < unknown.length; i++) {
                const { no, wireType, data } = unknown[i];
                writer.tag(no, wireType).raw(data);
            }
        }
    };
    // Register before compiling fields, so that recursive message types
    // resolve to this instance instead of compiling endlessly.
    compiledWriters.set(desc, compiled);
    for (const field of sortedFields) {
        fieldWriters.push(compileField(field));
    }
    return compiled;
}
function compileField(field) {
    switch (field.fieldKind) {
        case "message":
        case "scalar":
        case "enum":
            return compileSingularField(field);
        case "list":
            return compileListField(field);
        case "map":
            return compileMapField(field);
    }
}
/**
 * Compile an encoder for a singular field: the presence check, and the
 * value encoder.
 */
function compileSingularField(field) {
    const writeValue = compileSingularValue(field);
    const localName = field.localName;
    if (field.oneof) {
        const oneofLocalName = field.oneof.localName;
        return (writer, opts, message) => {
            const oneof = message[oneofLocalName];
            if (oneof.case === localName) {
                writeValue(writer, opts, oneof.value);
            }
        };
    }
    if (field.presence != IMPLICIT) {
        const requiredError = field.presence == LEGACY_REQUIRED
            ? `cannot encode ${field} to binary: required field not set`
            : undefined;
        return (writer, opts, message) => {
            const value = message[localName];
            // Fields with explicit presence have properties on the prototype
            // chain for default / zero values (except for proto3).
            if (value !== undefined &&
                Object.prototype.hasOwnProperty.call(message, localName)) {
                writeValue(writer, opts, value);
            }
            else if (requiredError !== undefined) {
                throw new Error(requiredError);
            }
        };
    }
    // Implicit presence: the field is set when the value is not the zero
    // value. The check is inlined per type, see isScalarZeroValue.
    if (field.fieldKind == "enum") {
        const zero = field.enum.values[0].number;
        return (writer, opts, message) => {
            const value = message[localName];
            if (value !== zero) {
                writeValue(writer, opts, value);
            }
        };
    }
    switch (field.scalar) {
        case descriptors/* ScalarType */.L.BOOL:
            return (writer, opts, message) => {
                const value = message[localName];
                if (value !== false) {
                    writeValue(writer, opts, value);
                }
            };
        case descriptors/* ScalarType */.L.STRING:
            return (writer, opts, message) => {
                const value = message[localName];
                if (value !== "") {
                    writeValue(writer, opts, value);
                }
            };
        case descriptors/* ScalarType */.L.BYTES:
            return (writer, opts, message) => {
                const value = message[localName];
                if (!(value instanceof Uint8Array) || value.byteLength > 0) {
                    writeValue(writer, opts, value);
                }
            };
        case descriptors/* ScalarType */.L.DOUBLE:
        case descriptors/* ScalarType */.L.FLOAT:
            return (writer, opts, message) => {
                const value = message[localName];
                // Object.is distinguishes -0 from 0.
                if (!Object.is(value, 0)) {
                    writeValue(writer, opts, value);
                }
            };
        default:
            return (writer, opts, message) => {
                const value = message[localName];
                // Loose comparison matches 0n, 0 and "0".
                if (value != 0) {
                    writeValue(writer, opts, value);
                }
            };
    }
}
/**
 * Compile an encoder for the value of a singular field, including the tag.
 */
function compileSingularValue(field) {
    switch (field.fieldKind) {
        case "message": {
            const { toMessage } = (0,message/* localMessageMapper */.IK)(field);
            const writeChild = compileChildWriter(field);
            return (writer, opts, value) => {
                writeChild(writer, opts, toMessage(value));
            };
        }
        case "scalar":
        case "enum": {
            const scalarType = field.fieldKind == "enum" ? descriptors/* ScalarType */.L.INT32 : field.scalar;
            const fieldNo = field.number;
            const wireType = writeTypeOfScalar(scalarType);
            const writeScalar = compileScalarValue(scalarType, field.parent.typeName, field.name);
            return (writer, opts, value) => {
                writer.tag(fieldNo, wireType);
                writeScalar(writer, value);
            };
        }
    }
}
function compileListField(field) {
    const localName = field.localName;
    const fieldNo = field.number;
    switch (field.listKind) {
        case "message": {
            const { toMessage } = (0,message/* localMessageMapper */.IK)(field);
            const writeChild = compileChildWriter(field);
            return (writer, opts, message) => {
                const items = message[localName];
                for (let i = 0; i < items.length; i++) {
                    writeChild(writer, opts, toMessage(items[i]));
                }
            };
        }
        case "scalar":
        case "enum": {
            const scalarType = field.listKind == "enum" ? descriptors/* ScalarType */.L.INT32 : field.scalar;
            const writeScalar = compileScalarValue(scalarType, field.parent.typeName, field.name);
            if (field.packed) {
                return (writer, opts, message) => {
                    const items = message[localName];
                    if (items.length == 0) {
                        return;
                    }
                    writer.tag(fieldNo, binary_encoding/* WireType */.O0.LengthDelimited).fork();
                    for (let i = 0; i < items.length; i++) {
                        writeScalar(writer, items[i]);
                    }
                    writer.join();
                };
            }
            const wireType = writeTypeOfScalar(scalarType);
            return (writer, opts, message) => {
                const items = message[localName];
                for (let i = 0; i < items.length; i++) {
                    writer.tag(fieldNo, wireType);
                    writeScalar(writer, items[i]);
                }
            };
        }
    }
}
function compileMapField(field) {
    const localName = field.localName;
    const fieldNo = field.number;
    const writeKey = compileMapKey(field);
    if (field.mapKind == "message") {
        const { toMessage } = (0,message/* localMessageMapper */.IK)(field);
        const writeMessage = compiledWriter(field.message);
        return (writer, opts, message) => {
            const record = message[localName];
            const keys = Object.keys(record);
            for (let i = 0; i < keys.length; i++) {
                const key = keys[i];
                writer.tag(fieldNo, binary_encoding/* WireType */.O0.LengthDelimited).fork();
                writeKey(writer, key);
                // The value of a map entry is always field number 2.
                writer.tag(2, binary_encoding/* WireType */.O0.LengthDelimited).fork();
                writeMessage(writer, opts, toMessage(record[key]));
                writer.join();
                writer.join();
            }
        };
    }
    const scalarType = field.mapKind == "enum" ? descriptors/* ScalarType */.L.INT32 : field.scalar;
    const valueWireType = writeTypeOfScalar(scalarType);
    const writeScalar = compileScalarValue(scalarType, field.parent.typeName, field.name);
    return (writer, opts, message) => {
        const record = message[localName];
        const keys = Object.keys(record);
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            writer.tag(fieldNo, binary_encoding/* WireType */.O0.LengthDelimited).fork();
            writeKey(writer, key);
            // The value of a map entry is always field number 2.
            writer.tag(2, valueWireType);
            writeScalar(writer, record[key]);
            writer.join();
        }
    };
}
/**
 * Compile an encoder for a map key. Map keys are stored as object keys and
 * are always strings locally. Convert them to their scalar type before
 * writing, like the reflect API does when iterating map entries.
 */
function compileMapKey(field) {
    const wireType = writeTypeOfScalar(field.mapKey);
    const writeScalar = compileScalarValue(field.mapKey, field.parent.typeName, field.name);
    const convertKey = compileMapKeyConverter(field.mapKey);
    return (writer, key) => {
        // The key of a map entry is always field number 1.
        writer.tag(1, wireType);
        writeScalar(writer, convertKey(key));
    };
}
/**
 * Returns a converter from an object key (always a string) to the closest
 * possible type for the map key type. Invalid keys are passed through to
 * the scalar writer, which raises an error for them.
 */
function compileMapKeyConverter(type) {
    switch (type) {
        case descriptors/* ScalarType */.L.STRING:
            return (key) => key;
        case descriptors/* ScalarType */.L.BOOL:
            return (key) => (key === "true" ? true : key === "false" ? false : key);
        case descriptors/* ScalarType */.L.UINT64:
        case descriptors/* ScalarType */.L.FIXED64:
            return (key) => {
                try {
                    return proto_int64/* protoInt64 */.M.uParse(key);
                }
                catch (_a) {
                    return key;
                }
            };
        case descriptors/* ScalarType */.L.INT64:
        case descriptors/* ScalarType */.L.SFIXED64:
        case descriptors/* ScalarType */.L.SINT64:
            return (key) => {
                try {
                    return proto_int64/* protoInt64 */.M.parse(key);
                }
                catch (_a) {
                    return key;
                }
            };
        default:
            // Handles INT32, UINT32, SINT32, FIXED32, SFIXED32.
            // We do not use individual cases to save a few bytes code size.
            return (key) => {
                const n = Number.parseInt(key);
                return Number.isFinite(n) ? n : key;
            };
    }
}
/**
 * Compile an encoder for a bare scalar value (no tag), wrapping errors from
 * the writer with the message and field name.
 */
function compileScalarValue(type, messageName, fieldName) {
    const writeScalar = compileScalarWrite(type);
    return (writer, value) => {
        try {
            writeScalar(writer, value);
        }
        catch (e) {
            if (e instanceof Error) {
                throw new Error(`cannot encode field ${messageName}.${fieldName} to binary: ${e.message}`);
            }
            throw e;
        }
    };
}
function compileScalarWrite(type) {
    switch (type) {
        case descriptors/* ScalarType */.L.STRING:
            return (writer, value) => writer.string(value);
        case descriptors/* ScalarType */.L.BOOL:
            return (writer, value) => writer.bool(value);
        case descriptors/* ScalarType */.L.DOUBLE:
            return (writer, value) => writer.double(value);
        case descriptors/* ScalarType */.L.FLOAT:
            return (writer, value) => writer.float(value);
        case descriptors/* ScalarType */.L.INT32:
            return (writer, value) => writer.int32(value);
        case descriptors/* ScalarType */.L.INT64:
            return (writer, value) => writer.int64(value);
        case descriptors/* ScalarType */.L.UINT64:
            return (writer, value) => writer.uint64(value);
        case descriptors/* ScalarType */.L.FIXED64:
            return (writer, value) => writer.fixed64(value);
        case descriptors/* ScalarType */.L.BYTES:
            return (writer, value) => writer.bytes(value);
        case descriptors/* ScalarType */.L.FIXED32:
            return (writer, value) => writer.fixed32(value);
        case descriptors/* ScalarType */.L.SFIXED32:
            return (writer, value) => writer.sfixed32(value);
        case descriptors/* ScalarType */.L.SFIXED64:
            return (writer, value) => writer.sfixed64(value);
        case descriptors/* ScalarType */.L.SINT64:
            return (writer, value) => writer.sint64(value);
        case descriptors/* ScalarType */.L.UINT32:
            return (writer, value) => writer.uint32(value);
        case descriptors/* ScalarType */.L.SINT32:
            return (writer, value) => writer.sint32(value);
    }
}
/**
 * Write a single field to binary format, if it is set. Used to serialize
 * extensions: extensions always have explicit presence, so an extension
 * value that was just set on the container is always written.
 *
 * @private
 */
function writeField(writer, opts, msg, field) {
    compileField(field)(writer, opts, msg[unsafeLocal]);
}
/**
 * Compile an encoder for the wire format of a message field, honoring the
 * delimited encoding of the field. The tag is written by the encoder.
 */
function compileChildWriter(field) {
    const fieldNo = field.number;
    const writeMessage = compiledWriter(field.message);
    if (field.delimitedEncoding) {
        return (writer, opts, child) => {
            writer.tag(fieldNo, binary_encoding/* WireType */.O0.StartGroup);
            writeMessage(writer, opts, child);
            writer.tag(fieldNo, binary_encoding/* WireType */.O0.EndGroup);
        };
    }
    return (writer, opts, child) => {
        writer.tag(fieldNo, binary_encoding/* WireType */.O0.LengthDelimited).fork();
        writeMessage(writer, opts, child);
        writer.join();
    };
}
function writeTypeOfScalar(type) {
    switch (type) {
        case descriptors/* ScalarType */.L.BYTES:
        case descriptors/* ScalarType */.L.STRING:
            return binary_encoding/* WireType */.O0.LengthDelimited;
        case descriptors/* ScalarType */.L.DOUBLE:
        case descriptors/* ScalarType */.L.FIXED64:
        case descriptors/* ScalarType */.L.SFIXED64:
            return binary_encoding/* WireType */.O0.Bit64;
        case descriptors/* ScalarType */.L.FIXED32:
        case descriptors/* ScalarType */.L.SFIXED32:
        case descriptors/* ScalarType */.L.FLOAT:
            return binary_encoding/* WireType */.O0.Bit32;
        default:
            return binary_encoding/* WireType */.O0.Varint;
    }
}


/***/ }),

/***/ 6641:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ file_google_protobuf_timestamp),
/* harmony export */   w: () => (/* binding */ TimestampSchema)
/* harmony export */ });
/* harmony import */ var _codegenv2_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2987);
/* harmony import */ var _codegenv2_message_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(104);
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


/***/ })

};
