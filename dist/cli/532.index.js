export const id = 532;
export const ids = [532];
export const modules = {

/***/ 4060:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DU: () => (/* binding */ file_fsutil_types_wire),
/* harmony export */   OD: () => (/* binding */ PacketSchema),
/* harmony export */   o8: () => (/* binding */ Packet_PacketType),
/* harmony export */   oV: () => (/* binding */ StatSchema)
/* harmony export */ });
/* unused harmony export Packet_PacketTypeSchema */
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2987);
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(104);
// tonistiigi/fsutil types/wire.proto and types/stat.proto: the file sync packet stream (unchanged since 2018).

/**
 * Describes the file fsutil/types/wire.proto.
 */
const file_fsutil_types_wire = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_0__/* .fileDesc */ .w)("Chdmc3V0aWwvdHlwZXMvd2lyZS5wcm90bxIMZnN1dGlsLnR5cGVzItMBCgZQYWNrZXQSLQoEdHlwZRgBIAEoDjIfLmZzdXRpbC50eXBlcy5QYWNrZXQuUGFja2V0VHlwZRIgCgRzdGF0GAIgASgLMhIuZnN1dGlsLnR5cGVzLlN0YXQSCgoCSUQYAyABKA0SDAoEZGF0YRgEIAEoDCJeCgpQYWNrZXRUeXBlEg8KC1BBQ0tFVF9TVEFUEAASDgoKUEFDS0VUX1JFURABEg8KC1BBQ0tFVF9EQVRBEAISDgoKUEFDS0VUX0ZJThADEg4KClBBQ0tFVF9FUlIQBCLwAQoEU3RhdBIMCgRwYXRoGAEgASgJEgwKBG1vZGUYAiABKA0SCwoDdWlkGAMgASgNEgsKA2dpZBgEIAEoDRIMCgRzaXplGAUgASgDEg8KB21vZFRpbWUYBiABKAMSEAoIbGlua25hbWUYByABKAkSEAoIZGV2bWFqb3IYCCABKAMSEAoIZGV2bWlub3IYCSABKAMSLgoGeGF0dHJzGAogAygLMh4uZnN1dGlsLnR5cGVzLlN0YXQuWGF0dHJzRW50cnkaLQoLWGF0dHJzRW50cnkSCwoDa2V5GAEgASgJEg0KBXZhbHVlGAIgASgMOgI4AWIGcHJvdG8z");
/**
 * Describes the message fsutil.types.Packet.
 * Use `create(PacketSchema)` to create a new message.
 */
const PacketSchema = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_1__/* .messageDesc */ .Z)(file_fsutil_types_wire, 0);
/**
 * @generated from enum fsutil.types.Packet.PacketType
 */
var Packet_PacketType;
(function (Packet_PacketType) {
    /**
     * @generated from enum value: PACKET_STAT = 0;
     */
    Packet_PacketType[Packet_PacketType["PACKET_STAT"] = 0] = "PACKET_STAT";
    /**
     * @generated from enum value: PACKET_REQ = 1;
     */
    Packet_PacketType[Packet_PacketType["PACKET_REQ"] = 1] = "PACKET_REQ";
    /**
     * @generated from enum value: PACKET_DATA = 2;
     */
    Packet_PacketType[Packet_PacketType["PACKET_DATA"] = 2] = "PACKET_DATA";
    /**
     * @generated from enum value: PACKET_FIN = 3;
     */
    Packet_PacketType[Packet_PacketType["PACKET_FIN"] = 3] = "PACKET_FIN";
    /**
     * @generated from enum value: PACKET_ERR = 4;
     */
    Packet_PacketType[Packet_PacketType["PACKET_ERR"] = 4] = "PACKET_ERR";
})(Packet_PacketType || (Packet_PacketType = {}));
/**
 * Describes the enum fsutil.types.Packet.PacketType.
 */
const Packet_PacketTypeSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (enumDesc(file_fsutil_types_wire, 0, 0)));
/**
 * Describes the message fsutil.types.Stat.
 * Use `create(StatSchema)` to create a new message.
 */
const StatSchema = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_1__/* .messageDesc */ .Z)(file_fsutil_types_wire, 1);


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

/***/ 5916:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I$: () => (/* binding */ FileSync),
/* harmony export */   Nj: () => (/* binding */ Auth),
/* harmony export */   W6: () => (/* binding */ BytesMessageSchema),
/* harmony export */   xe: () => (/* binding */ CredentialsResponseSchema)
/* harmony export */ });
/* unused harmony exports file_moby_filesync_v1_filesync, CredentialsRequestSchema, FetchTokenRequestSchema, FetchTokenResponseSchema, GetTokenAuthorityRequestSchema, GetTokenAuthorityResponseSchema, VerifyTokenAuthorityRequestSchema, VerifyTokenAuthorityResponseSchema, FileSend */
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2987);
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(104);
/* harmony import */ var _bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(652);
/* harmony import */ var _fsutil_types_wire_pb_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4060);
// moby/buildkit session/filesync/filesync.proto and session/auth/auth.proto. Both live in package
// moby.filesync.v1 upstream, which is part of the method path the daemon calls.


/**
 * Describes the file moby/filesync/v1/filesync.proto.
 */
const file_moby_filesync_v1_filesync = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_0__/* .fileDesc */ .w)("Ch9tb2J5L2ZpbGVzeW5jL3YxL2ZpbGVzeW5jLnByb3RvEhBtb2J5LmZpbGVzeW5jLnYxIhwKDEJ5dGVzTWVzc2FnZRIMCgRkYXRhGAEgASgMIiIKEkNyZWRlbnRpYWxzUmVxdWVzdBIMCgRIb3N0GAEgASgJIjcKE0NyZWRlbnRpYWxzUmVzcG9uc2USEAoIVXNlcm5hbWUYASABKAkSDgoGU2VjcmV0GAIgASgJImMKEUZldGNoVG9rZW5SZXF1ZXN0EhAKCENsaWVudElEGAEgASgJEgwKBEhvc3QYAiABKAkSDQoFUmVhbG0YAyABKAkSDwoHU2VydmljZRgEIAEoCRIOCgZTY29wZXMYBSADKAkiSAoSRmV0Y2hUb2tlblJlc3BvbnNlEg0KBVRva2VuGAEgASgJEhEKCUV4cGlyZXNJbhgCIAEoAxIQCghJc3N1ZWRBdBgDIAEoAyI2ChhHZXRUb2tlbkF1dGhvcml0eVJlcXVlc3QSDAoESG9zdBgBIAEoCRIMCgRTYWx0GAIgASgMIi4KGUdldFRva2VuQXV0aG9yaXR5UmVzcG9uc2USEQoJUHVibGljS2V5GAEgASgMIkoKG1ZlcmlmeVRva2VuQXV0aG9yaXR5UmVxdWVzdBIMCgRIb3N0GAEgASgJEg8KB1BheWxvYWQYAiABKAwSDAoEU2FsdBgDIAEoDCIuChxWZXJpZnlUb2tlbkF1dGhvcml0eVJlc3BvbnNlEg4KBlNpZ25lZBgBIAEoDDJGCghGaWxlU3luYxI6CghEaWZmQ29weRIULmZzdXRpbC50eXBlcy5QYWNrZXQaFC5mc3V0aWwudHlwZXMuUGFja2V0KAEwATJaCghGaWxlU2VuZBJOCghEaWZmQ29weRIeLm1vYnkuZmlsZXN5bmMudjEuQnl0ZXNNZXNzYWdlGh4ubW9ieS5maWxlc3luYy52MS5CeXRlc01lc3NhZ2UoATABMqADCgRBdXRoEloKC0NyZWRlbnRpYWxzEiQubW9ieS5maWxlc3luYy52MS5DcmVkZW50aWFsc1JlcXVlc3QaJS5tb2J5LmZpbGVzeW5jLnYxLkNyZWRlbnRpYWxzUmVzcG9uc2USVwoKRmV0Y2hUb2tlbhIjLm1vYnkuZmlsZXN5bmMudjEuRmV0Y2hUb2tlblJlcXVlc3QaJC5tb2J5LmZpbGVzeW5jLnYxLkZldGNoVG9rZW5SZXNwb25zZRJsChFHZXRUb2tlbkF1dGhvcml0eRIqLm1vYnkuZmlsZXN5bmMudjEuR2V0VG9rZW5BdXRob3JpdHlSZXF1ZXN0GisubW9ieS5maWxlc3luYy52MS5HZXRUb2tlbkF1dGhvcml0eVJlc3BvbnNlEnUKFFZlcmlmeVRva2VuQXV0aG9yaXR5Ei0ubW9ieS5maWxlc3luYy52MS5WZXJpZnlUb2tlbkF1dGhvcml0eVJlcXVlc3QaLi5tb2J5LmZpbGVzeW5jLnYxLlZlcmlmeVRva2VuQXV0aG9yaXR5UmVzcG9uc2ViBnByb3RvMw", [_fsutil_types_wire_pb_js__WEBPACK_IMPORTED_MODULE_1__/* .file_fsutil_types_wire */ .DU]);
/**
 * Describes the message moby.filesync.v1.BytesMessage.
 * Use `create(BytesMessageSchema)` to create a new message.
 */
const BytesMessageSchema = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_2__/* .messageDesc */ .Z)(file_moby_filesync_v1_filesync, 0);
/**
 * Describes the message moby.filesync.v1.CredentialsRequest.
 * Use `create(CredentialsRequestSchema)` to create a new message.
 */
const CredentialsRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_filesync_v1_filesync, 1)));
/**
 * Describes the message moby.filesync.v1.CredentialsResponse.
 * Use `create(CredentialsResponseSchema)` to create a new message.
 */
const CredentialsResponseSchema = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_2__/* .messageDesc */ .Z)(file_moby_filesync_v1_filesync, 2);
/**
 * Describes the message moby.filesync.v1.FetchTokenRequest.
 * Use `create(FetchTokenRequestSchema)` to create a new message.
 */
const FetchTokenRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_filesync_v1_filesync, 3)));
/**
 * Describes the message moby.filesync.v1.FetchTokenResponse.
 * Use `create(FetchTokenResponseSchema)` to create a new message.
 */
const FetchTokenResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_filesync_v1_filesync, 4)));
/**
 * Describes the message moby.filesync.v1.GetTokenAuthorityRequest.
 * Use `create(GetTokenAuthorityRequestSchema)` to create a new message.
 */
const GetTokenAuthorityRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_filesync_v1_filesync, 5)));
/**
 * Describes the message moby.filesync.v1.GetTokenAuthorityResponse.
 * Use `create(GetTokenAuthorityResponseSchema)` to create a new message.
 */
const GetTokenAuthorityResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_filesync_v1_filesync, 6)));
/**
 * Describes the message moby.filesync.v1.VerifyTokenAuthorityRequest.
 * Use `create(VerifyTokenAuthorityRequestSchema)` to create a new message.
 */
const VerifyTokenAuthorityRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_filesync_v1_filesync, 7)));
/**
 * Describes the message moby.filesync.v1.VerifyTokenAuthorityResponse.
 * Use `create(VerifyTokenAuthorityResponseSchema)` to create a new message.
 */
const VerifyTokenAuthorityResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_filesync_v1_filesync, 8)));
/**
 * @generated from service moby.filesync.v1.FileSync
 */
const FileSync = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_3__/* .serviceDesc */ .Z)(file_moby_filesync_v1_filesync, 0);
/**
 * The local exporter sends fsutil Packets on this stream although it is declared as BytesMessage.
 *
 * @generated from service moby.filesync.v1.FileSend
 */
const FileSend = /*@__PURE__*/ (/* unused pure expression or super */ null && (serviceDesc(file_moby_filesync_v1_filesync, 1)));
/**
 * @generated from service moby.filesync.v1.Auth
 */
const Auth = /*@__PURE__*/ (0,_bufbuild_protobuf_codegenv2__WEBPACK_IMPORTED_MODULE_3__/* .serviceDesc */ .Z)(file_moby_filesync_v1_filesync, 2);


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

/***/ 7532:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runSolve: () => (/* binding */ runSolve)
});

// EXTERNAL MODULE: ./node_modules/@grpc/grpc-js/build/src/index.js
var src = __webpack_require__(3033);
// EXTERNAL MODULE: ./build/buildkit/errors.js
var errors = __webpack_require__(1642);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/buildkit/identity.js

/**
 * A random 25-character base36 ID, the shape BuildKit's Go client uses for solve refs and session IDs
 * (moby/buildkit identity.NewID). Session IDs must not contain ':' (session/manager.go splits on it).
 */
function newId() {
    const n = BigInt(`0x${(0,external_node_crypto_.randomBytes)(16).toString("hex")}`);
    return n.toString(36).padStart(25, "0").slice(-25);
}

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/create.js + 1 modules
var create = __webpack_require__(9838);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/file.js + 8 modules
var file = __webpack_require__(2987);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/message.js
var message = __webpack_require__(104);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/service.js
var service = __webpack_require__(652);
;// CONCATENATED MODULE: ./build/buildkit/gen/grpc/health/v1/health_pb.js
// grpc/grpc health/v1/health.proto: the daemon checks the session's health every 5 s.

/**
 * Describes the file grpc/health/v1/health.proto.
 */
const file_grpc_health_v1_health = /*@__PURE__*/ (0,file/* fileDesc */.w)("ChtncnBjL2hlYWx0aC92MS9oZWFsdGgucHJvdG8SDmdycGMuaGVhbHRoLnYxIiUKEkhlYWx0aENoZWNrUmVxdWVzdBIPCgdzZXJ2aWNlGAEgASgJIqkBChNIZWFsdGhDaGVja1Jlc3BvbnNlEkEKBnN0YXR1cxgBIAEoDjIxLmdycGMuaGVhbHRoLnYxLkhlYWx0aENoZWNrUmVzcG9uc2UuU2VydmluZ1N0YXR1cyJPCg1TZXJ2aW5nU3RhdHVzEgsKB1VOS05PV04QABILCgdTRVJWSU5HEAESDwoLTk9UX1NFUlZJTkcQAhITCg9TRVJWSUNFX1VOS05PV04QAzJaCgZIZWFsdGgSUAoFQ2hlY2sSIi5ncnBjLmhlYWx0aC52MS5IZWFsdGhDaGVja1JlcXVlc3QaIy5ncnBjLmhlYWx0aC52MS5IZWFsdGhDaGVja1Jlc3BvbnNlYgZwcm90bzM");
/**
 * Describes the message grpc.health.v1.HealthCheckRequest.
 * Use `create(HealthCheckRequestSchema)` to create a new message.
 */
const HealthCheckRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_grpc_health_v1_health, 0)));
/**
 * Describes the message grpc.health.v1.HealthCheckResponse.
 * Use `create(HealthCheckResponseSchema)` to create a new message.
 */
const HealthCheckResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_grpc_health_v1_health, 1);
/**
 * @generated from enum grpc.health.v1.HealthCheckResponse.ServingStatus
 */
var HealthCheckResponse_ServingStatus;
(function (HealthCheckResponse_ServingStatus) {
    /**
     * @generated from enum value: UNKNOWN = 0;
     */
    HealthCheckResponse_ServingStatus[HealthCheckResponse_ServingStatus["UNKNOWN"] = 0] = "UNKNOWN";
    /**
     * @generated from enum value: SERVING = 1;
     */
    HealthCheckResponse_ServingStatus[HealthCheckResponse_ServingStatus["SERVING"] = 1] = "SERVING";
    /**
     * @generated from enum value: NOT_SERVING = 2;
     */
    HealthCheckResponse_ServingStatus[HealthCheckResponse_ServingStatus["NOT_SERVING"] = 2] = "NOT_SERVING";
    /**
     * @generated from enum value: SERVICE_UNKNOWN = 3;
     */
    HealthCheckResponse_ServingStatus[HealthCheckResponse_ServingStatus["SERVICE_UNKNOWN"] = 3] = "SERVICE_UNKNOWN";
})(HealthCheckResponse_ServingStatus || (HealthCheckResponse_ServingStatus = {}));
/**
 * Describes the enum grpc.health.v1.HealthCheckResponse.ServingStatus.
 */
const HealthCheckResponse_ServingStatusSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (enumDesc(file_grpc_health_v1_health, 1, 0)));
/**
 * @generated from service grpc.health.v1.Health
 */
const Health = /*@__PURE__*/ (0,service/* serviceDesc */.Z)(file_grpc_health_v1_health, 0);

// EXTERNAL MODULE: ./build/buildkit/grpc-service.js
var grpc_service = __webpack_require__(1175);
;// CONCATENATED MODULE: ./build/buildkit/session/health.js



/**
 * The health service every session must serve: the daemon checks it every 5 s and drops the session after
 * two failures (moby/buildkit session/grpc.go monitorHealth).
 */
function health() {
    return {
        register(server) {
            server.addService((0,grpc_service/* grpcService */.UL)(Health), {
                check(_call, callback) {
                    callback(null, (0,create/* create */.v)(HealthCheckResponseSchema, { status: HealthCheckResponse_ServingStatus.SERVING }));
                },
            });
            return Health.methods.map(grpc_service/* methodPath */.Bp);
        },
    };
}

// EXTERNAL MODULE: ./build/buildkit/limits.js
var limits = __webpack_require__(5349);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./build/buildkit/session/session-bytes-stream.js

/**
 * Most bytes one BytesMessage carries. BuildKit's gRPC server takes messages up to 16 MiB (grpc-go's default is
 * 4 MiB); 1 MiB stays far below either while still carrying a whole burst of HTTP/2 frames in one message.
 */
const maxMessageData = 1024 * 1024;
/**
 * BytesMessage{data} encoded by hand, `chunks` concatenated as its data: field 1, wire type 2 (0x0a), the length
 * as a varint, the bytes. One allocation and one copy; protobuf-es copied every byte into a writer that grew
 * (ensureCapacity) and then sliced, which was a tenth of the client's CPU time sending a 370 MiB context.
 */
function encodeBytesMessage(chunks) {
    let length = 0;
    for (const c of chunks)
        length += c.byteLength;
    // proto3 leaves an empty field out: the empty message.
    if (length === 0)
        return Buffer.alloc(0);
    let header = 2;
    for (let n = length; n >= 0x80; n = Math.floor(n / 128))
        header++;
    const out = Buffer.allocUnsafe(header + length);
    let at = 0;
    out[at++] = 0x0a;
    for (let n = length;; n = Math.floor(n / 128)) {
        if (n < 0x80) {
            out[at++] = n;
            break;
        }
        out[at++] = (n % 128) | 0x80;
    }
    for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
    }
    return out;
}
/** `chunks` regrouped into messages of at most `limit` data bytes each (a larger chunk is split). */
function groupChunks(chunks, limit) {
    const groups = [];
    let group = [];
    let size = 0;
    for (let chunk of chunks) {
        while (chunk.byteLength > 0) {
            if (size === limit) {
                groups.push(group);
                group = [];
                size = 0;
            }
            const take = Math.min(chunk.byteLength, limit - size);
            group.push(take === chunk.byteLength ? chunk : chunk.subarray(0, take));
            size += take;
            chunk = chunk.subarray(take);
        }
    }
    if (group.length > 0)
        groups.push(group);
    return groups;
}
/**
 * Presents the Control.Session bidi stream as a byte stream: each BytesMessage carries raw HTTP/2 bytes of
 * the session connection (moby/buildkit session/grpchijack). Writes buffered meanwhile (the session server's
 * HTTP/2 frames) go out together as one message (`writev`), so a burst of small frames costs one gRPC message.
 * The call must serialise a Buffer as is: messages are encoded here.
 */
function sessionBytesStream(call) {
    const send = (chunks, callback) => {
        let ok = true;
        for (const group of groupChunks(chunks, maxMessageData))
            ok = call.write(encodeBytesMessage(group));
        if (ok)
            callback();
        else
            call.once("drain", () => callback());
    };
    const duplex = new external_node_stream_.Duplex({
        read() {
            call.resume();
        },
        write(chunk, _encoding, callback) {
            send([chunk], callback);
        },
        writev(chunks, callback) {
            send(chunks.map((c) => c.chunk), callback);
        },
        final(callback) {
            call.end();
            callback();
        },
        destroy(err, callback) {
            call.cancel();
            callback(err);
        },
    });
    call.on("data", (message) => {
        if (!duplex.push(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength)))
            call.pause();
    });
    call.on("end", () => duplex.push(null));
    call.on("error", (err) => duplex.destroy(err));
    return duplex;
}

// EXTERNAL MODULE: ./build/shared/message-of.js
var message_of = __webpack_require__(9677);
;// CONCATENATED MODULE: ./build/buildkit/session/session.js







// moby/buildkit v0.13 session/session.go: header names; HTTP canonicalises them, gRPC metadata lower-cases them.
const headerSessionId = "x-docker-expose-session-uuid";
const headerSharedKey = "x-docker-expose-session-sharedkey";
const headerMethod = "x-docker-expose-session-grpc-method";
/**
 * The client side of a BuildKit session: a gRPC server the daemon calls back into for files, credentials and
 * secrets. It is served over a stream the client dials, because the daemon cannot dial the client.
 */
class Session {
    id = newId();
    sharedKey;
    server = new src/* Server */.gq({
        "grpc.max_receive_message_length": limits/* maxMessageBytes */.ng,
        "grpc.max_send_message_length": limits/* maxMessageBytes */.ng,
    });
    methods;
    constructor(options) {
        this.sharedKey = options.sharedKey ?? "";
        this.methods = [health(), ...options.attachables].flatMap((a) => a.register(this.server));
    }
    headers() {
        return { [headerSessionId]: [this.id], [headerSharedKey]: [this.sharedKey], [headerMethod]: this.methods };
    }
    /** Opens the session's connection: the endpoint's session dialer when it has one, else Control.Session. */
    async connect(channel, signal) {
        const endpoint = channel.endpoint;
        let stream;
        if (endpoint.kind === "dial" && endpoint.dialSession) {
            try {
                stream = await endpoint.dialSession(this.headers(), signal);
            }
            catch (cause) {
                throw new errors/* BuildkitError */.Ru(`failed to open a session with ${endpoint.name}: ${(0,message_of/* messageOf */.b)(cause)}`, errors/* Code */.Cy.Unavailable, { cause });
            }
        }
        else {
            const metadata = new src/* Metadata */.OS();
            for (const [key, values] of Object.entries(this.headers()))
                for (const v of values)
                    metadata.add(key, v);
            stream = sessionBytesStream(await channel.bidiStream("session", { metadata, signal }));
        }
        const injector = this.server.createConnectionInjector(src/* ServerCredentials */.O2.createInsecure());
        const closed = new Promise((resolve) => {
            stream.once("close", () => resolve());
        });
        stream.on("error", () => {
            // The end of the session surfaces through Solve; a broken pipe after that is expected.
        });
        injector.injectConnection(stream);
        return {
            closed,
            close: () => {
                injector.destroy();
                stream.destroy();
                this.server.forceShutdown();
            },
        };
    }
}

// EXTERNAL MODULE: ./build/buildkit/gen/moby/buildkit/v1/control_pb.js
var control_pb = __webpack_require__(1235);
;// CONCATENATED MODULE: ./build/buildkit/solve/solve-request.js


/**
 * The wire request. Every exporter goes in `Exporters` (v0.13+) and the first is repeated in the deprecated
 * single-exporter fields for older daemons, as the Go client does (moby/buildkit client/solve.go). Cache imports
 * are also given to the frontend as JSON in "cache-imports", where the Dockerfile frontend reads them.
 */
function toSolveRequest(def, ref, sessionId) {
    const frontendAttrs = { ...def.frontendAttrs };
    if (def.cacheImports.length > 0) {
        frontendAttrs["cache-imports"] = JSON.stringify(def.cacheImports.map((c) => ({ Type: c.type, Attrs: c.attrs })));
    }
    const exporters = def.exporters.map((e) => ({ Type: e.type, Attrs: { ...e.attrs } }));
    const first = exporters[0];
    return (0,create/* create */.v)(control_pb/* SolveRequestSchema */.MG, {
        Ref: ref,
        Session: sessionId,
        Frontend: def.frontend,
        FrontendAttrs: frontendAttrs,
        Exporters: exporters,
        ...(first ? { ExporterDeprecated: first.Type, ExporterAttrsDeprecated: first.Attrs } : {}),
        Cache: {
            Imports: def.cacheImports.map((c) => ({ Type: c.type, Attrs: { ...c.attrs } })),
            Exports: def.cacheExports.map((c) => ({ Type: c.type, Attrs: { ...c.attrs } })),
        },
        Entitlements: [...def.entitlements],
        // "Internal builds are not recorded in build history" (control.proto SolveRequest.Internal).
        Internal: def.recordHistory === false,
    });
}

;// CONCATENATED MODULE: ./build/buildkit/solve/solve-status.js
/** Milliseconds since the epoch; BuildKit's timestamps have nanoseconds, which progress output does not need. */
function ms(t) {
    return t === undefined ? undefined : Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6);
}
function lines(ranges) {
    const first = ranges[0];
    if (!first?.start)
        return undefined;
    return { start: first.start.line, end: first.end?.line ?? first.start.line };
}
function filename(info) {
    return info?.filename || undefined;
}
function optionalMs(key, t) {
    const v = ms(t);
    return v === undefined ? {} : { [key]: v };
}
function toSolveStatus(r) {
    const decoder = new TextDecoder();
    return {
        vertexes: r.vertexes.map((v) => ({
            digest: v.digest,
            inputs: v.inputs,
            name: v.name,
            cached: v.cached,
            startedMs: ms(v.started),
            completedMs: ms(v.completed),
            error: v.error,
            progressGroup: v.progressGroup?.name || undefined,
        })),
        statuses: r.statuses.map((s) => ({
            id: s.ID,
            vertex: s.vertex,
            name: s.name,
            current: Number(s.current),
            total: Number(s.total),
            completedMs: ms(s.completed),
            ...optionalMs("timestampMs", s.timestamp),
            ...optionalMs("startedMs", s.started),
        })),
        logs: r.logs.map((l) => ({
            vertex: l.vertex,
            timestampMs: ms(l.timestamp) ?? 0,
            stream: Number(l.stream),
            data: l.msg,
        })),
        warnings: r.warnings.map((w) => ({
            vertex: w.vertex,
            level: Number(w.level),
            short: decoder.decode(w.short),
            detail: w.detail.map((d) => decoder.decode(d)),
            url: w.url,
            filename: filename(w.info),
            lines: lines(w.ranges),
        })),
    };
}

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/from-binary.js
var from_binary = __webpack_require__(9859);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/wkt/google/protobuf/any_pb.js
var any_pb = __webpack_require__(2240);
;// CONCATENATED MODULE: ./build/buildkit/gen/google/rpc/status_pb.js
// google/rpc/status.proto: the payload of the grpc-status-details-bin trailer.


/**
 * Describes the file google/rpc/status.proto.
 */
const file_google_rpc_status = /*@__PURE__*/ (0,file/* fileDesc */.w)("Chdnb29nbGUvcnBjL3N0YXR1cy5wcm90bxIKZ29vZ2xlLnJwYyJOCgZTdGF0dXMSDAoEY29kZRgBIAEoBRIPCgdtZXNzYWdlGAIgASgJEiUKB2RldGFpbHMYAyADKAsyFC5nb29nbGUucHJvdG9idWYuQW55YgZwcm90bzM", [any_pb/* file_google_protobuf_any */.f]);
/**
 * Describes the message google.rpc.Status.
 * Use `create(StatusSchema)` to create a new message.
 */
const StatusSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_google_rpc_status, 0);

;// CONCATENATED MODULE: ./build/buildkit/gen/moby/buildkit/v1/errdefs_pb.js
// moby/buildkit solver/errdefs/errdefs.proto: error details the daemon attaches to a failed Solve in
// grpc-status-details-bin. Source carries the Dockerfile location of the failing instruction.


/**
 * Describes the file moby/buildkit/v1/errdefs.proto.
 */
const file_moby_buildkit_v1_errdefs = /*@__PURE__*/ (0,file/* fileDesc */.w)("Ch5tb2J5L2J1aWxka2l0L3YxL2VycmRlZnMucHJvdG8SGG1vYnkuYnVpbGRraXQudjEuZXJyZGVmcyJdCgZTb3VyY2USKgoEaW5mbxgBIAEoCzIcLm1vYnkuYnVpbGRraXQudjEuU291cmNlSW5mbxInCgZyYW5nZXMYAiADKAsyFy5tb2J5LmJ1aWxka2l0LnYxLlJhbmdlYgZwcm90bzM", [control_pb/* file_moby_buildkit_v1_control */.mo]);
/**
 * Describes the message moby.buildkit.v1.errdefs.Source.
 * Use `create(SourceSchema)` to create a new message.
 */
const SourceSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_moby_buildkit_v1_errdefs, 0);

;// CONCATENATED MODULE: ./build/buildkit/solve/solve-error.js



// moby/buildkit solver/errdefs: the daemon attaches a Source detail to errors raised by a Dockerfile
// instruction. v0.13 encodes it as JSON ("github.com/moby/buildkit/errdefs.Source+json", seen on Docker 26.1);
// the protobuf form is accepted too.
const sourceType = "errdefs.Source";
const jsonSuffix = "+json";
function solve_error_location(filename, start, end) {
    if (!filename || !start)
        return undefined;
    return { filename, startLine: start, endLine: end || start };
}
function decodeSource(typeUrl, value) {
    if (typeUrl.endsWith(sourceType + jsonSuffix)) {
        const json = JSON.parse(Buffer.from(value).toString("utf8"));
        const range = json.ranges?.[0];
        return solve_error_location(json.info?.filename, range?.start?.line, range?.end?.line);
    }
    if (typeUrl.endsWith(sourceType)) {
        const source = (0,from_binary/* fromBinary */.Er)(SourceSchema, value);
        const range = source.ranges[0];
        return solve_error_location(source.info?.filename, range?.start?.line, range?.end?.line);
    }
    return undefined;
}
/** The Dockerfile location a failed Solve points at, decoded from grpc-status-details-bin. */
function sourceLocationOf(err) {
    const raw = err.metadata?.get("grpc-status-details-bin")[0];
    if (!(raw instanceof Buffer))
        return undefined;
    let status;
    try {
        status = (0,from_binary/* fromBinary */.Er)(StatusSchema, raw);
    }
    catch {
        return undefined;
    }
    for (const detail of status.details) {
        try {
            const found = decodeSource(detail.typeUrl, detail.value);
            if (found)
                return found;
        }
        catch {
            // A detail we cannot decode only costs the location, never the error itself.
        }
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./build/buildkit/gen/moby/filesync/v1/filesync_pb.js
var filesync_pb = __webpack_require__(5916);
// EXTERNAL MODULE: ./build/buildkit/gen/fsutil/types/wire_pb.js
var wire_pb = __webpack_require__(4060);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./build/buildkit/file-sync/byte-names.js

/**
 * File names are bytes (fsutil sends Go strings, which hold any bytes, and the daemon's generated unmarshalers copy
 * the Stat path without checking UTF-8), but the walk matches and keys paths as JS strings. A name that is not
 * valid UTF-8 is carried losslessly as an "escaped" string: each byte Go's `utf8.DecodeRune` finds invalid (width
 * 1) becomes the lone surrogate U+DC00+byte, as Python's surrogateescape does. Valid UTF-8 never decodes to a lone
 * surrogate, so the mapping is one-to-one, and a valid name is its plain decoding (the fast path).
 *
 * Pattern matching on escaped strings agrees with Go: its regexp reads an invalid byte as one U+FFFD rune, so `*`,
 * `?` and negated classes match it as they match one lone surrogate here; literal text compares byte for byte.
 * (A class naming U+FFFD itself is the one difference: Go would match an invalid byte with it.)
 */
const ESCAPE_BASE = 0xdc00;
/** An escape: a low surrogate in U+DC80..U+DCFF that is not the second half of a pair. */
const ESCAPE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const ESCAPES = new RegExp(ESCAPE.source, "g");
/** The escaped string of a name or path given as bytes. */
function bytesToName(raw) {
    if ((0,external_node_buffer_.isUtf8)(raw))
        return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
    let out = "";
    let start = 0;
    for (let i = 0; i < raw.length;) {
        const { r, n } = decodeRune(raw, i);
        if (r === 0xfffd && n === 1 && raw[i] >= 0x80) {
            out += Buffer.from(raw.buffer, raw.byteOffset + start, i - start).toString("utf8");
            out += String.fromCharCode(ESCAPE_BASE + raw[i]);
            start = i + 1;
        }
        i += n;
    }
    return out + Buffer.from(raw.buffer, raw.byteOffset + start, raw.length - start).toString("utf8");
}
/** Whether an escaped string stands for bytes that are not valid UTF-8. */
function hasEscapes(name) {
    return ESCAPE.test(name);
}
/** The bytes an escaped string stands for. */
function nameToBytes(name) {
    if (!hasEscapes(name))
        return Buffer.from(name, "utf8");
    const parts = [];
    let start = 0;
    for (const m of name.matchAll(ESCAPES)) {
        const i = m.index;
        const c = name.charCodeAt(i);
        parts.push(Buffer.from(name.slice(start, i), "utf8"), Buffer.of(c - ESCAPE_BASE));
        start = i + 1;
    }
    parts.push(Buffer.from(name.slice(start), "utf8"));
    return Buffer.concat(parts);
}
/** An escaped path as node:fs takes it: the plain string when it is valid UTF-8, else the bytes it stands for. */
function diskPath(name) {
    return hasEscapes(name) ? nameToBytes(name) : name;
}
/** A name for messages: invalid bytes shown as `\xff`, the way Go's %q shows them. */
function displayName(name) {
    return name.replace(ESCAPES, (c) => `\\x${(c.charCodeAt(0) - ESCAPE_BASE).toString(16)}`);
}
/** One code point decoded from UTF-8 like Go's `utf8.DecodeRune`: invalid input gives U+FFFD of width 1. */
function decodeRune(b, i) {
    const b0 = b[i];
    if (b0 === undefined)
        return { r: 0xfffd, n: 0 };
    if (b0 < 0x80)
        return { r: b0, n: 1 };
    const cont = (k) => {
        const c = b[i + k];
        return c !== undefined && (c & 0xc0) === 0x80 ? c & 0x3f : -1;
    };
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        const c1 = cont(1);
        if (c1 >= 0)
            return { r: ((b0 & 0x1f) << 6) | c1, n: 2 };
    }
    else if (b0 >= 0xe0 && b0 <= 0xef) {
        const c1 = cont(1);
        const c2 = cont(2);
        if (c1 >= 0 && c2 >= 0) {
            const r = ((b0 & 0x0f) << 12) | (c1 << 6) | c2;
            if (r >= 0x800 && (r < 0xd800 || r > 0xdfff))
                return { r, n: 3 };
        }
    }
    else if (b0 >= 0xf0 && b0 <= 0xf4) {
        const c1 = cont(1);
        const c2 = cont(2);
        const c3 = cont(3);
        if (c1 >= 0 && c2 >= 0 && c3 >= 0) {
            const r = ((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
            if (r >= 0x10000 && r <= 0x10ffff)
                return { r, n: 4 };
        }
    }
    return { r: 0xfffd, n: 1 };
}

;// CONCATENATED MODULE: ./build/buildkit/file-sync/fs-gopath.js

/**
 * Go's `path/filepath` semantics for `/`-separated paths, as fsutil and moby/patternmatcher rely on them on
 * Linux and macOS: `Clean`, `Join`, `Dir`, `Base` and the shell-pattern `Match`.
 *
 * `matchGlob` works on the bytes of the names (UTF-8, or the raw bytes of an escaped name), like Go, so `?` and `[...]` consume one code point while literal characters
 * compare byte by byte. Like `filepath.Match` (unlike `path.Match`, which validates the rest of the pattern), a
 * syntax error after the first mismatch goes unreported.
 */
/** Raised for a malformed pattern, like Go's `filepath.ErrBadPattern`. */
class BadPatternError extends Error {
    name = "BadPatternError";
    constructor(pattern) {
        super(`syntax error in pattern: ${JSON.stringify(pattern)}`);
    }
}
/**
 * Go's string order (byte-wise over UTF-8) for JS strings, as `os.ReadDir` and `sort.Strings` sort names.
 * UTF-16 order differs only where a surrogate pair (a code point above U+FFFF) meets U+E000..U+FFFF. Escaped names
 * (byte-names.ts) compare as the bytes they stand for.
 */
function compareUtf8(a, b) {
    if (hasEscapes(a) || hasEscapes(b))
        return Buffer.compare(nameToBytes(a), nameToBytes(b));
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        let x = a.charCodeAt(i);
        let y = b.charCodeAt(i);
        if (x === y)
            continue;
        if (x >= 0xd800 && y >= 0xd800) {
            x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
            y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
        }
        return x - y;
    }
    return a.length - b.length;
}
/** Go `filepath.Clean` for `/` separators: lexical `.`/`..` removal, no trailing slash, `""` becomes `"."`. */
function cleanPath(p) {
    if (p === "")
        return ".";
    const rooted = p.startsWith("/");
    const out = [];
    for (const elem of p.split("/")) {
        if (elem === "" || elem === ".")
            continue;
        if (elem === "..") {
            if (out.length > 0 && out[out.length - 1] !== "..")
                out.pop();
            else if (!rooted)
                out.push("..");
            continue;
        }
        out.push(elem);
    }
    const joined = out.join("/");
    if (rooted)
        return "/" + joined;
    return joined === "" ? "." : joined;
}
/** Go `filepath.Join`: empty elements are dropped, the rest joined and cleaned; all-empty gives `""`. */
function joinPath(...elems) {
    const parts = elems.filter((e) => e !== "");
    return parts.length === 0 ? "" : cleanPath(parts.join("/"));
}
/** Go `filepath.Dir`: everything before the last `/`, cleaned (`"."` when there is no `/`). */
function dirPath(p) {
    return cleanPath(p.slice(0, p.lastIndexOf("/") + 1));
}
/** Go `filepath.Base`: the last element, ignoring trailing slashes; `""` gives `"."`, all slashes `"/"`. */
function basePath(p) {
    if (p === "")
        return ".";
    const trimmed = p.replace(/\/+$/, "");
    if (trimmed === "")
        return "/";
    return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const QUESTION = 0x3f;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
/** Splits off the next chunk: leading stars, then everything up to the next star outside `[...]`. */
function scanChunk(p) {
    let star = false;
    let start = 0;
    while (p[start] === STAR) {
        start++;
        star = true;
    }
    let inRange = false;
    let i = start;
    scan: for (; i < p.length; i++) {
        switch (p[i]) {
            case BACKSLASH:
                if (i + 1 < p.length)
                    i++;
                break;
            case LBRACKET:
                inRange = true;
                break;
            case RBRACKET:
                inRange = false;
                break;
            case STAR:
                if (!inRange)
                    break scan;
                break;
        }
    }
    return { star, chunk: p.subarray(start, i), rest: p.subarray(i) };
}
/** A class member: one (possibly escaped) code point; throws on the syntax errors Go's `getEsc` reports. */
function classChar(chunk, pos, pattern) {
    let i = pos;
    const c = chunk[i];
    if (c === undefined || c === DASH || c === RBRACKET)
        throw new BadPatternError(pattern);
    if (c === BACKSLASH) {
        i++;
        if (i >= chunk.length)
            throw new BadPatternError(pattern);
    }
    const { r, n } = decodeRune(chunk, i);
    if (r === 0xfffd && n === 1)
        throw new BadPatternError(pattern);
    if (i + n >= chunk.length)
        throw new BadPatternError(pattern);
    return { r, next: i + n };
}
/**
 * Matches one star-free chunk at the start of `s`; returns the unmatched rest, or undefined on mismatch.
 * Like Go, it keeps scanning the chunk after a mismatch so that syntax errors are always reported.
 */
function matchChunk(chunk, s, pattern) {
    let failed = false;
    let ci = 0;
    let si = 0;
    while (ci < chunk.length) {
        if (!failed && si >= s.length)
            failed = true;
        const c = chunk[ci];
        if (c === LBRACKET) {
            let r = -1;
            if (!failed) {
                const d = decodeRune(s, si);
                r = d.r;
                si += d.n;
            }
            ci++;
            let negated = false;
            if (chunk[ci] === CARET) {
                negated = true;
                ci++;
            }
            let match = false;
            let nrange = 0;
            for (;;) {
                if (chunk[ci] === RBRACKET && nrange > 0) {
                    ci++;
                    break;
                }
                const lo = classChar(chunk, ci, pattern);
                ci = lo.next;
                let hi = lo.r;
                if (chunk[ci] === DASH) {
                    const h = classChar(chunk, ci + 1, pattern);
                    ci = h.next;
                    hi = h.r;
                }
                if (lo.r <= r && r <= hi)
                    match = true;
                nrange++;
            }
            if (match === negated)
                failed = true;
        }
        else if (c === QUESTION) {
            if (!failed) {
                if (s[si] === SLASH)
                    failed = true;
                si += decodeRune(s, si).n;
            }
            ci++;
        }
        else {
            if (c === BACKSLASH) {
                ci++;
                if (ci >= chunk.length)
                    throw new BadPatternError(pattern);
            }
            if (!failed) {
                if (chunk[ci] !== s[si])
                    failed = true;
                si++;
            }
            ci++;
        }
    }
    return failed ? undefined : s.subarray(si);
}
/**
 * Go `filepath.Match(pattern, name)` on a Unix host: `*` (no `/`), `?`, `[...]`/`[^...]` classes and `\`
 * escapes, anchored at both ends.
 * @throws BadPatternError when the pattern is malformed.
 */
function matchGlob(pattern, name) {
    // Escaped names (byte-names.ts) match as the bytes they stand for, as Go matches its strings.
    let pat = nameToBytes(pattern);
    let s = nameToBytes(name);
    outer: while (pat.length > 0) {
        const { star, chunk, rest } = scanChunk(pat);
        pat = rest;
        if (star && chunk.length === 0)
            return !s.includes(SLASH);
        const t = matchChunk(chunk, s, pattern);
        if (t !== undefined && (t.length === 0 || pat.length > 0)) {
            s = t;
            continue;
        }
        if (star) {
            for (let i = 0; i < s.length && s[i] !== SLASH; i++) {
                const t2 = matchChunk(chunk, s.subarray(i + 1), pattern);
                if (t2 !== undefined) {
                    if (pat.length === 0 && t2.length > 0)
                        continue;
                    s = t2;
                    continue outer;
                }
            }
        }
        return false;
    }
    return s.length === 0;
}

;// CONCATENATED MODULE: ./build/buildkit/file-sync/fs-patterns.js

// Go's strings.TrimSpace (unicode.IsSpace): JS `\s` minus U+FEFF, plus U+0085.
const GO_TRIM_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
// Characters that patternmatcher escapes before handing text to Go's regexp. Its `shouldEscape` lists `.+()|{}$`
// but stores them in a byte bitmap indexed by `c/8`, which overflows for `|`, `{` and `}` (c >= 64): those reach
// the regexp unescaped, as alternation and repetition.
const REGEXP_ESCAPED = new Set([...".+()$"]);
/** Builds the RE2 source and match type for a cleaned pattern, as patternmatcher's `Pattern.compile` does. */
function compilePattern(pattern) {
    const chars = Array.from(pattern);
    let re2 = "^";
    let type = "exact";
    let pos = 0;
    for (let i = 0; pos < chars.length; i++) {
        const ch = chars[pos++];
        if (ch === "*") {
            if (chars[pos] === "*") {
                pos++;
                if (chars[pos] === "/")
                    pos++;
                if (pos >= chars.length) {
                    if (type === "exact") {
                        type = "prefix";
                    }
                    else {
                        re2 += ".*";
                        type = "regexp";
                    }
                }
                else {
                    re2 += "(.*/)?";
                    type = "regexp";
                }
                if (i === 0)
                    type = "suffix";
            }
            else {
                re2 += "[^/]*";
                type = "regexp";
            }
        }
        else if (ch === "?") {
            re2 += "[^/]";
            type = "regexp";
        }
        else if (REGEXP_ESCAPED.has(ch)) {
            re2 += "\\" + ch;
        }
        else if (ch === "\\") {
            const next = chars[pos];
            if (next !== undefined) {
                pos++;
                re2 += "\\" + next;
                type = "regexp";
            }
            else {
                re2 += "\\";
            }
        }
        else if (ch === "[" || ch === "]") {
            re2 += ch;
            type = "regexp";
        }
        else {
            re2 += ch;
        }
    }
    return { type, re2: type === "regexp" ? re2 + "$" : re2 };
}
function newPattern(text, exclusion) {
    let compiled;
    return {
        text,
        exclusion,
        match(path) {
            // Like patternmatcher, compile on first use: an expression Go's regexp rejects fails the match, not New.
            if (compiled === undefined) {
                const { type, re2 } = compilePattern(text);
                compiled = { type, re: type === "regexp" ? translateRe2(re2, text) : undefined };
            }
            switch (compiled.type) {
                case "exact":
                    return path === text;
                case "prefix":
                    return path.startsWith(text.slice(0, -2));
                case "suffix": {
                    const suffix = text.slice(2);
                    return path.endsWith(suffix) || (suffix.startsWith("/") && path === suffix.slice(1));
                }
                case "regexp":
                    return compiled.re.test(path);
            }
        },
    };
}
const UNCLEAN = /(^|\/)\.{1,2}(\/|$)|\/\/|^\/|\/$/;
/** Parent directories of `path` from the top ("a/b/c" gives "a", "a/b"), split from Go's `filepath.Dir`. */
function parentPrefixes(path) {
    let parent;
    if (UNCLEAN.test(path)) {
        parent = dirPath(path);
        if (parent === ".")
            return [];
    }
    else {
        // Walked paths are already clean: skip the Clean that Dir would do.
        const slash = path.lastIndexOf("/");
        if (slash < 0)
            return [];
        parent = path.slice(0, slash);
    }
    const out = [];
    for (let i = parent.indexOf("/"); i >= 0; i = parent.indexOf("/", i + 1))
        out.push(parent.slice(0, i));
    out.push(parent);
    return out;
}
/**
 * patternmatcher `New`: compiles patterns (blank ones are dropped).
 * @throws BadPatternError for a lone `!` or a pattern Go's `filepath.Match` rejects.
 */
function newPatternMatcher(patterns) {
    const compiled = [];
    let exclusions = false;
    for (const raw of patterns) {
        let p = raw.replace(GO_TRIM_SPACE, "");
        if (p === "")
            continue;
        p = cleanPath(p);
        let exclusion = false;
        if (p.startsWith("!")) {
            if (p.length === 1)
                throw new BadPatternError("!");
            exclusion = true;
            exclusions = true;
            p = p.slice(1);
        }
        matchGlob(p, ".");
        compiled.push(newPattern(p, exclusion));
    }
    return {
        patterns: compiled,
        exclusions,
        matchesUsingParentResults(path, parent) {
            const parentMatched = parent?.parentMatched ?? [];
            if (parentMatched.length !== 0 && parentMatched.length !== compiled.length) {
                throw new Error("wrong number of values in parentMatched");
            }
            let matched = false;
            const info = new Array(compiled.length).fill(false);
            compiled.forEach((pattern, i) => {
                let match = parentMatched[i] ?? false;
                if (!match) {
                    // An include already matched, or no exclude matched yet: this pattern cannot change the result.
                    if (pattern.exclusion !== matched)
                        return;
                    match = pattern.match(path);
                    // Without parent results (top-level call), fall back to checking every parent directory.
                    if (!match && parentMatched.length === 0)
                        match = parentPrefixes(path).some((d) => pattern.match(d));
                }
                info[i] = match;
                if (match)
                    matched = !pattern.exclusion;
            });
            return { matched, info: { parentMatched: info } };
        },
        matchesOrParentMatches(path) {
            let matched = false;
            let parents;
            for (const pattern of compiled) {
                if (pattern.exclusion !== matched)
                    continue;
                const match = pattern.match(path) || (parents ??= parentPrefixes(path)).some((d) => pattern.match(d));
                if (match)
                    matched = !pattern.exclusion;
            }
            return matched;
        },
    };
}
/** fsutil `patternWithoutTrailingGlob`: the pattern text without one trailing `/**` or `/*`. */
function patternWithoutTrailingGlob(p) {
    let s = p.text;
    if (s.endsWith("/**"))
        s = s.slice(0, -3);
    if (s.endsWith("/*"))
        s = s.slice(0, -2);
    return s;
}
const MAX_RUNE = 0x10ffff;
/** Ranges written as pairs of characters: "09az" is [0-9a-z]. */
const pairs = (s) => Array.from({ length: s.length / 2 }, (_, k) => [s.charCodeAt(2 * k), s.charCodeAt(2 * k + 1)]);
// Go regexp's Perl classes are ASCII-only; `\s` is [\t\n\f\r ] (no \v), unlike JavaScript's Unicode `\s`.
const PERL_CLASSES = { d: pairs("09"), s: pairs("\t\n\f\r  "), w: pairs("09AZ__az") };
// Go regexp/syntax posixGroup.
const POSIX_CLASSES = {
    alnum: pairs("09AZaz"),
    alpha: pairs("AZaz"),
    ascii: pairs("\x00\x7f"),
    blank: pairs("\t\t  "),
    cntrl: pairs("\x00\x1f\x7f\x7f"),
    digit: pairs("09"),
    graph: pairs("!~"),
    lower: pairs("az"),
    print: pairs(" ~"),
    punct: pairs("!/:@[`{~"),
    space: pairs("\t\r  "),
    upper: pairs("AZ"),
    word: pairs("09AZ__az"),
    xdigit: pairs("09AFaf"),
};
function negateRanges(ranges) {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    const out = [];
    let next = 0;
    for (const [lo, hi] of sorted) {
        if (lo > next)
            out.push([next, lo - 1]);
        next = Math.max(next, hi + 1);
    }
    if (next <= MAX_RUNE)
        out.push([next, MAX_RUNE]);
    return out;
}
const lit = (r) => `\\u{${r.toString(16)}}`;
const classOf = (ranges) => "[" + ranges.map(([lo, hi]) => (lo === hi ? lit(lo) : `${lit(lo)}-${lit(hi)}`)).join("") + "]";
const isOctal = (c) => c !== undefined && c >= "0" && c <= "7";
const isHex = (c) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
/**
 * Translates the RE2 source patternmatcher generates into a JavaScript RegExp with the same matches on valid UTF-8
 * paths. User text reaches that source almost verbatim (`[`, `]`, `^` and `\x` escapes pass through), so this
 * parses it with Go's rules: `]` first in a class is literal, `]` outside a class is literal, POSIX `[:name:]`
 * classes, Perl `\d\s\w` (ASCII), `\A`, `\z`, `\Q...\E`, octal and `\x` escapes, and `.` never matching `\n`.
 * Unicode classes (`\p{...}`) are not supported and rejected like a syntax error.
 * @throws BadPatternError when Go's regexp would reject the expression (or it uses `\p`).
 */
function translateRe2(src, pattern) {
    const cs = Array.from(src);
    let i = 0;
    const fail = () => {
        throw new BadPatternError(pattern);
    };
    // Go regexp/syntax parseEscape: one escaped code point; `i` points at the backslash.
    const escapedRune = () => {
        const c = cs[i + 1] ?? fail();
        i += 2;
        const code = c.codePointAt(0);
        if (code < 0x80 && !/[0-9A-Za-z]/.test(c))
            return code;
        if (c >= "1" && c <= "7" && !isOctal(cs[i]))
            fail(); // a backreference, which RE2 does not have
        if (c >= "0" && c <= "7") {
            let r = code - 0x30;
            for (let k = 1; k < 3 && isOctal(cs[i]); k++)
                r = r * 8 + cs[i++].charCodeAt(0) - 0x30;
            return r;
        }
        if (c === "x") {
            let hex = "";
            if (cs[i] === "{") {
                i++;
                while (isHex(cs[i]))
                    hex += cs[i++];
                if (cs[i++] !== "}" || hex === "")
                    fail();
            }
            else {
                for (let k = 0; k < 2; k++)
                    hex += isHex(cs[i]) ? cs[i++] : fail();
            }
            const r = parseInt(hex, 16);
            return r > MAX_RUNE ? fail() : r;
        }
        const simple = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
        return simple[c] ?? fail();
    };
    const perlClass = () => {
        const c = cs[i + 1];
        if (cs[i] !== "\\" || c === undefined)
            return undefined;
        if (c === "p" || c === "P")
            fail();
        const base = PERL_CLASSES[c.toLowerCase()];
        if (base === undefined || !/[dswDSW]/.test(c))
            return undefined;
        i += 2;
        return c === c.toUpperCase() ? negateRanges(base) : base;
    };
    const parseClass = () => {
        i++; // [
        let negated = false;
        if (cs[i] === "^") {
            negated = true;
            i++;
        }
        const ranges = [];
        let first = true;
        while (first || cs[i] !== "]") {
            if (i >= cs.length)
                fail(); // missing closing ]
            first = false;
            if (cs[i] === "[" && cs[i + 1] === ":") {
                const end = cs.indexOf(":", i + 2);
                if (end >= 0 && cs[end + 1] === "]") {
                    let name = cs.slice(i + 2, end).join("");
                    const neg = name.startsWith("^");
                    if (neg)
                        name = name.slice(1);
                    const posix = POSIX_CLASSES[name] ?? fail();
                    ranges.push(...(neg ? negateRanges(posix) : posix));
                    i = end + 2;
                    continue;
                }
            }
            const perl = perlClass();
            if (perl !== undefined) {
                ranges.push(...perl);
                continue;
            }
            const one = () => {
                if (i >= cs.length)
                    fail();
                if (cs[i] === "\\")
                    return escapedRune();
                return cs[i++].codePointAt(0);
            };
            const lo = one();
            let hi = lo;
            if (cs[i] === "-" && cs[i + 1] !== undefined && cs[i + 1] !== "]") {
                i++;
                hi = one();
                if (hi < lo)
                    fail();
            }
            ranges.push([lo, hi]);
        }
        i++; // ]
        return classOf(negated ? negateRanges(ranges) : ranges);
    };
    let out = "";
    while (i < cs.length) {
        const c = cs[i];
        if (c === "\\") {
            const next = cs[i + 1] ?? fail();
            const assertion = { A: "(?:^)", z: "(?:$)", b: "(?:\\b)", B: "(?:\\B)" };
            if (assertion[next] !== undefined) {
                out += assertion[next];
                i += 2;
            }
            else if (next === "C") {
                fail();
            }
            else if (next === "Q") {
                const rest = cs.slice(i + 2);
                let end = rest.findIndex((ch, k) => ch === "\\" && rest[k + 1] === "E");
                if (end < 0)
                    end = rest.length;
                out += rest
                    .slice(0, end)
                    .map((ch) => lit(ch.codePointAt(0)))
                    .join("");
                i += 2 + Math.min(end + 2, rest.length);
            }
            else {
                const perl = perlClass();
                out += perl !== undefined ? classOf(perl) : lit(escapedRune());
            }
        }
        else if (c === "[") {
            out += parseClass();
        }
        else if (c === ".") {
            out += "[^\\n]";
            i++;
        }
        else if (c === "(") {
            out += "(?:";
            i++;
        }
        else if (c === "{") {
            // Go: `{n}`, `{n,}` or `{n,m}` (no leading zeros, at most 1000) repeats; any other `{` is literal.
            const rep = /^\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}/.exec(cs.slice(i, i + 24).join(""));
            if (rep === null) {
                out += lit(0x7b);
                i++;
            }
            else {
                const min = Number(rep[1]);
                const max = rep[2] === undefined ? min : rep[3] === undefined ? -1 : Number(rep[3]);
                if (min > 1000 || max > 1000 || (max >= 0 && min > max))
                    fail();
                out += rep[0];
                i += rep[0].length;
            }
        }
        else if (c === "^" || c === "$") {
            // Grouped: Go accepts a repeated assertion (`^{1}`, `^*`), JavaScript only a repeated group.
            out += `(?:${c})`;
            i++;
        }
        else if (")|*+?".includes(c)) {
            out += c;
            i++;
        }
        else {
            out += lit(c.codePointAt(0));
            i++;
        }
    }
    try {
        return new RegExp(out, "u");
    }
    catch {
        return fail();
    }
}

;// CONCATENATED MODULE: ./build/buildkit/file-sync/fs-filter.js







// fsutil filter.go: a pattern containing one of these (after its trailing glob) can match anywhere.
const PATTERN_CHARS = /[*[\]?^\\]/;
/** fsutil `NewFilterFS` for the session's options: followpaths join the includes, matchers are compiled. */
async function newFilter(root, options) {
    let includes = options.includePatterns;
    if (options.followPaths.length > 0) {
        let targets;
        try {
            targets = await followLinks(root, options.followPaths);
        }
        catch (cause) {
            throw new errors/* BuildkitError */.Ru(`failed to resolve followpaths in ${root}: ${(0,message_of/* messageOf */.b)(cause)}`, errors/* Code */.Cy.Unknown, { cause });
        }
        if (targets !== undefined)
            includes = dedupePaths([...includes, ...targets]);
    }
    const compile = (patterns, kind) => {
        try {
            return newPatternMatcher(patterns);
        }
        catch (cause) {
            throw new errors/* BuildkitError */.Ru(`failed to compile ${kind}: ${(0,message_of/* messageOf */.b)(cause)}`, errors/* Code */.Cy.InvalidArgument, { cause });
        }
    };
    const include = includes !== undefined && includes.length > 0 ? compile(includes, "includepatterns") : undefined;
    const exclude = options.excludePatterns.length > 0 ? compile(options.excludePatterns, "excludepatterns") : undefined;
    const prefixes = (m, exceptions) => {
        if (m === undefined)
            return [];
        const relevant = m.patterns.filter((p) => p.exclusion === exceptions);
        const stems = relevant.map((p) => patternWithoutTrailingGlob(p));
        return stems.some((s) => PATTERN_CHARS.test(s)) ? undefined : stems.map((s) => s + "/");
    };
    return { include, exclude, includePrefixes: prefixes(include, false), exceptionPrefixes: prefixes(exclude, true) };
}
const PRUNE = { prune: true, skip: true, include: undefined, exclude: undefined };
function matchOrThrow(m, path, parent, kind) {
    try {
        return m.matchesUsingParentResults(path, parent);
    }
    catch (cause) {
        throw new errors/* BuildkitError */.Ru(`failed to match ${kind}: ${(0,message_of/* messageOf */.b)(cause)}`, errors/* Code */.Cy.InvalidArgument, { cause });
    }
}
/**
 * fsutil filterFS.Walk's per-entry decision: `prune` skips a directory without reading it (filepath.SkipDir),
 * `skip` walks it but sends it only if something below is sent.
 */
function decide(f, path, isDir, parent) {
    let skip = false;
    let include;
    let exclude;
    const below = (prefixes) => prefixes.some((p) => p.startsWith(path + "/"));
    if (f.include !== undefined) {
        const r = matchOrThrow(f.include, path, parent?.include, "includepatterns");
        include = r.info;
        if (!r.matched) {
            if (isDir && f.includePrefixes !== undefined && !below(f.includePrefixes))
                return PRUNE;
            skip = true;
        }
    }
    if (f.exclude !== undefined) {
        const r = matchOrThrow(f.exclude, path, parent?.exclude, "excludepatterns");
        exclude = r.info;
        if (r.matched) {
            if (isDir && f.exceptionPrefixes !== undefined) {
                if (!f.exclude.exclusions || !below(f.exceptionPrefixes))
                    return PRUNE;
            }
            skip = true;
        }
    }
    return { prune: false, skip, include, exclude };
}
/** fsutil filterFS.Open: the file is refused when the include filter or the exclude filter says so. */
function openRefused(f, path) {
    return ((f.include !== undefined && !f.include.matchesOrParentMatches(path)) ||
        (f.exclude !== undefined && f.exclude.matchesOrParentMatches(path)));
}
/**
 * fsutil `FollowLinks` (followlinks.go, unchanged from the v0.13 vendored copy to HEAD): resolves the daemon's
 * `followpaths` against the directory so that they can be added to the include patterns. Each path is walked
 * component by component; a component that is a symlink (or a wildcard matching symlinks) is replaced by its
 * target, kept relative to the root (absolute and escaping targets are re-rooted, the way `filepath.Join("/", ...)`
 * does), and both the link and the target end up in the result. Paths that do not exist are kept as they are.
 *
 * @returns the sorted, de-duplicated paths, or undefined when one of them resolves to the root itself (fsutil's
 *   `dedupePaths` then returns nil, and no include pattern is added).
 */
async function followLinks(root, paths) {
    const resolved = new Set();
    const append = async (path) => {
        let rest = joinPath(".", path);
        let current = ".";
        for (;;) {
            const slash = rest.indexOf("/");
            const first = slash < 0 ? rest : rest.slice(0, slash);
            current = joinPath(current, first);
            const targets = await readSymlink(root, current, true);
            rest = slash < 0 ? "" : rest.slice(slash + 1);
            if ((rest === "" || targets !== undefined) && resolved.has(current))
                return;
            if (targets !== undefined) {
                resolved.add(current);
                for (const target of targets)
                    await append(joinPath(target, rest));
                return;
            }
            if (rest === "") {
                resolved.add(current);
                return;
            }
        }
    };
    for (const p of paths)
        await append(p);
    return dedupePaths([...resolved].sort(compareUtf8));
}
/**
 * fsutil `dedupePaths`: drops paths below the previously kept one (input is expected sorted, and is not always:
 * NewFilterFS also runs it over include patterns followed by the followpaths targets). A `.` anywhere means
 * "everything", returned as undefined (Go's nil). The first comparison is against "/", so a leading-slash path
 * is dropped when it comes first.
 */
function dedupePaths(paths) {
    const out = [];
    let last = "";
    for (const p of paths) {
        if (p === ".")
            return undefined;
        if (p.startsWith(last + "/"))
            continue;
        out.push(p);
        last = p;
    }
    return out;
}
/** fsutil `containsWildcards`: an unescaped `*`, `?` or `[`. */
function containsWildcards(name) {
    for (let i = 0; i < name.length; i++) {
        const ch = name[i];
        if (ch === "\\")
            i++;
        else if (ch === "*" || ch === "?" || ch === "[")
            return true;
    }
    return false;
}
function isNotExist(err) {
    const code = err.code;
    return code === "ENOENT" || code === "ENOTDIR";
}
/** fsutil `readSymlink`: the target(s) of `p` relative to the root, or undefined when `p` is not a symlink. */
async function readSymlink(root, p, allowWildcard) {
    const base = basePath(p);
    if (allowWildcard && containsWildcards(base)) {
        const names = await listDir(root, dirPath(p));
        if (names === undefined)
            return undefined;
        let out;
        for (const name of names) {
            let ok = false;
            try {
                ok = matchGlob(base, name);
            }
            catch {
                ok = false;
            }
            if (!ok)
                continue;
            const res = await readSymlink(root, joinPath(dirPath(p), name), false);
            if (res !== undefined)
                out = [...(out ?? []), ...res];
        }
        return out;
    }
    const rel = cleanPath(p);
    if (rel === "/" || rel === ".")
        return undefined;
    // Names are escaped strings (byte-names.ts); the system gets their bytes.
    const abs = nameToBytes((0,external_node_path_.join)(root, rel));
    try {
        const st = await (0,promises_.lstat)(abs);
        if (!st.isSymbolicLink())
            return undefined;
    }
    catch (err) {
        if (isNotExist(err))
            return undefined;
        throw err;
    }
    let target;
    try {
        target = bytesToName(await (0,promises_.readlink)(abs, { encoding: "buffer" }));
    }
    catch (err) {
        if (isNotExist(err))
            return undefined;
        throw err;
    }
    const link = cleanPath(target);
    if (link.startsWith("/"))
        return [link];
    return [joinPath("/", joinPath(dirPath(p), link))];
}
/**
 * fsutil `readDir` through `FS.Walk`: sorted names in `dir`; undefined when it is missing or not a directory.
 * Listing the root itself never fails (fsutil's walker ignores errors on the root).
 */
async function listDir(root, dir) {
    const rel = cleanPath(dir);
    const isRoot = rel === "/" || rel === ".";
    const abs = nameToBytes(isRoot ? root : (0,external_node_path_.join)(root, rel));
    if (!isRoot) {
        try {
            if (!(await (0,promises_.lstat)(abs)).isDirectory())
                return undefined;
        }
        catch (err) {
            if (isNotExist(err))
                return undefined;
            throw err;
        }
    }
    try {
        return (await (0,promises_.readdir)(abs, { encoding: "buffer" })).sort(Buffer.compare).map(bytesToName);
    }
    catch (err) {
        if (isRoot || isNotExist(err))
            return [];
        throw err;
    }
}

;// CONCATENATED MODULE: ./build/buildkit/file-sync/fs-walk.js









// Go io/fs FileMode bits.
const MODE_DIR = 0x80000000;
const MODE_SYMLINK = 0x08000000;
const MODE_DEVICE = 0x04000000;
const MODE_NAMED_PIPE = 0x02000000;
const MODE_SOCKET = 0x01000000;
const MODE_SETUID = 0x00800000;
const MODE_SETGID = 0x00400000;
const MODE_CHAR_DEVICE = 0x00200000;
const MODE_STICKY = 0x00100000;
/** Dir|Symlink|NamedPipe|Socket|Device|CharDevice|Irregular. */
const MODE_TYPE = 0x8f280000;
const S_IFMT = 0o170000;
const S_IFBLK = 0o060000;
const S_IFCHR = 0o020000;
/** Go `os.FileMode` of an lstat result, as Go's `fillFileStatFromSys` builds it on Linux and macOS. */
function goFileMode(st) {
    const m = Number(st.mode);
    let mode = m & 0o777;
    switch (m & S_IFMT) {
        case S_IFBLK:
            mode |= MODE_DEVICE;
            break;
        case S_IFCHR:
            mode |= MODE_DEVICE | MODE_CHAR_DEVICE;
            break;
        case 0o040000:
            mode |= MODE_DIR;
            break;
        case 0o010000:
            mode |= MODE_NAMED_PIPE;
            break;
        case 0o120000:
            mode |= MODE_SYMLINK;
            break;
        case 0o140000:
            mode |= MODE_SOCKET;
            break;
    }
    if (m & 0o2000)
        mode |= MODE_SETGID;
    if (m & 0o4000)
        mode |= MODE_SETUID;
    if (m & 0o1000)
        mode |= MODE_STICKY;
    return mode >>> 0;
}
/**
 * Entries handled between turns of the event loop. lstat is synchronous: through libuv's thread pool it costs
 * about six times as much per call (measured on 10,000 files), so the walk takes short synchronous runs instead.
 */
const ENTRIES_PER_TURN = 256;
function errCode(err) {
    return err.code;
}
/** Go `isNotExist`: fsutil turns these into filepath.SkipDir (the entry vanished while walking). */
function fs_walk_isNotExist(err) {
    const code = errCode(err);
    return code === "ENOENT" || code === "ENOTDIR";
}
function walkError(path, cause) {
    const code = errCode(cause);
    const c = code === "ENOENT" || code === "ENOTDIR"
        ? errors/* Code */.Cy.NotFound
        : code === "EACCES" || code === "EPERM"
            ? errors/* Code */.Cy.PermissionDenied
            : errors/* Code */.Cy.Unknown;
    const reason = (0,message_of/* messageOf */.b)(cause);
    return new errors/* BuildkitError */.Ru(`failed to walk ${displayName(path)}: ${reason}`, c, { cause });
}
function readInfo(item) {
    const abs = item.disk;
    const st = (0,external_node_fs_.lstatSync)(abs, { bigint: true });
    // mkstat reads the link only to send it; a filtered-out link is never sent.
    if (!st.isSymbolicLink() || item.decision.skip)
        return { st, linkname: "" };
    return { st, linkname: bytesToName((0,external_node_fs_.readlinkSync)(abs, { encoding: "buffer" })) };
}
/** Lists a directory in Go `os.ReadDir` order (bytes of the names) with each entry's filter decision. */
async function fs_walk_listDir(filter, relDir, absDir, diskDir, parent, isRoot) {
    let dirents;
    try {
        dirents = await (0,promises_.readdir)(diskDir, { encoding: "buffer", withFileTypes: true });
    }
    catch (err) {
        // fsutil's walker returns before looking at the error for the root; elsewhere a vanished dir is skipped.
        if (isRoot || fs_walk_isNotExist(err))
            return [];
        throw walkError(absDir, err);
    }
    dirents.sort((a, b) => Buffer.compare(a.name, b.name));
    const items = [];
    const absPrefix = absDir.endsWith("/") ? absDir : absDir + "/";
    for (const d of dirents) {
        const utf8 = (0,external_node_buffer_.isUtf8)(d.name);
        const name = utf8 ? d.name.toString("utf8") : bytesToName(d.name);
        const path = relDir === "" ? name : relDir + "/" + name;
        const isDir = d.isDirectory();
        const decision = decide(filter, path, isDir, parent);
        if (decision.prune)
            continue;
        const abs = absPrefix + name;
        items.push({ path, abs, disk: utf8 && typeof diskDir === "string" ? abs : nameToBytes(abs), isDir, decision });
    }
    return items;
}
function newFrame(items, dir) {
    return { items, next: 0, dir };
}
/** Go `major`/`minor` as fsutil's stat_unix.go defines them (the old Linux dev_t layout). */
const major = (dev) => (dev >> 8n) & 0xfffn;
const minor = (dev) => (dev & 0xffn) | ((dev >> 12n) & 0xfff00n);
/**
 * Yields entries in exactly the order and form fsutil's sender would send them (after buildkit client's uid/gid
 * reset to 0): depth-first pre-order, names sorted byte-wise, the root itself not sent, directories sent only when
 * they match or something below them does. Stats come from lstat; symlinks are sent, never followed.
 *
 * Differences from the Go client: extended attributes are never sent (Node has no xattr API; fsutil sends them,
 * minus `com.apple.*` at HEAD); entries that change or vanish
 * during the walk are not handled identically.
 */
async function* walkDir(root, options) {
    const signal = options.signal;
    // fsutil NewFS: the root is resolved through symlinks and must be a directory.
    let realRoot;
    try {
        realRoot = await (0,promises_.realpath)(root);
        if (!(await (0,promises_.stat)(realRoot)).isDirectory()) {
            throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
        }
    }
    catch (err) {
        throw walkError(root, err);
    }
    const filter = await newFilter(realRoot, options);
    // Hardlinks: fsutil stat_unix.go `setUnixOpt` maps inode -> first path over every walked non-directory
    // (filtered-out ones too, keyed by inode only); hardlinks.go `hardlinkFilter` then re-points links whose first
    // path was not sent at the first one that was.
    const firstByInode = new Map();
    const sentLinks = new Map();
    let handled = 0;
    const stack = [newFrame(await fs_walk_listDir(filter, "", realRoot, realRoot, undefined, true), undefined)];
    while (stack.length > 0) {
        if (signal?.aborted)
            throw new errors/* BuildkitError */.Ru(`failed to walk ${root}: canceled`, errors/* Code */.Cy.Canceled, { cause: signal.reason });
        const frame = stack[stack.length - 1];
        if (frame.next >= frame.items.length) {
            stack.pop();
            continue;
        }
        if (++handled % ENTRIES_PER_TURN === 0)
            await new Promise((resolve) => setImmediate(resolve));
        const item = frame.items[frame.next++];
        let info;
        try {
            info = readInfo(item);
        }
        catch (err) {
            if (err instanceof errors/* BuildkitError */.Ru)
                throw err;
            if (!fs_walk_isNotExist(err))
                throw walkError(item.abs, err);
            // filepath.SkipDir: for a directory skip it, for a file skip the rest of its directory.
            if (!item.isDir)
                frame.next = frame.items.length;
            continue;
        }
        const { st } = info;
        const mode = goFileMode(st);
        const isDir = (mode & MODE_DIR) !== 0;
        let size = 0n;
        let linkname = "";
        let devmajor = 0n;
        let devminor = 0n;
        if (!isDir) {
            // Go tests S_IFBLK|S_IFCHR bits, which symlinks and sockets also carry (their rdev is 0).
            const ifmt = Number(st.mode) & S_IFMT;
            if ((ifmt & S_IFBLK) !== 0) {
                devmajor = major(st.rdev);
                devminor = minor(st.rdev);
            }
            const first = st.nlink > 1n ? firstByInode.get(st.ino) : undefined;
            if (first !== undefined)
                linkname = first;
            else
                firstByInode.set(st.ino, item.path);
            // mkstat sets the size after setUnixOpt, so a hardlink keeps its full size.
            size = st.size;
            if ((mode & MODE_SYMLINK) !== 0)
                linkname = info.linkname;
        }
        const stat = (0,create/* create */.v)(wire_pb/* StatSchema */.oV, {
            path: item.path,
            mode: (mode & ~MODE_SOCKET) >>> 0,
            uid: 0,
            gid: 0,
            size,
            modTime: st.mtimeNs,
            linkname,
            devmajor,
            devminor,
        });
        if (!item.decision.skip) {
            for (const f of stack) {
                if (f.dir === undefined || f.dir.sent)
                    continue;
                f.dir.sent = true;
                yield { stat: f.dir.stat, source: undefined, requestable: false };
            }
            // fileCanRequestData looks at the mode as sent: a socket, its bit cleared, looks like a regular file and can
            // be requested, and fsutil answers with no data because opening a socket fails.
            const requestable = (stat.mode & MODE_TYPE) === 0;
            if (!isDir && (mode & MODE_SYMLINK) === 0) {
                if (linkname !== "") {
                    const canonical = sentLinks.get(linkname);
                    if (canonical === undefined) {
                        sentLinks.set(linkname, item.path);
                        stat.linkname = "";
                    }
                    else if (canonical !== item.path) {
                        stat.linkname = canonical;
                    }
                }
                sentLinks.set(item.path, item.path);
            }
            const regular = (mode & MODE_TYPE) === 0;
            const source = regular && !openRefused(filter, item.path) ? item.disk : undefined;
            yield { stat, source, requestable };
        }
        if (isDir) {
            const items = await fs_walk_listDir(filter, item.path, item.abs, item.disk, item.decision, false);
            stack.push(newFrame(items, { stat, sent: !item.decision.skip }));
        }
    }
}

;// CONCATENATED MODULE: ./build/buildkit/file-sync/data-packet.js
/**
 * fsutil DATA packets encoded by hand. File contents are most of what a build context sends; building them through
 * protobuf-es costs a copy of every byte, so the file is read straight into the message buffer instead.
 *
 * Wire form of Packet{type: PACKET_DATA (2), ID, data}: field 1 varint (0x08 0x02), field 3 varint (0x18 ID),
 * field 4 bytes (0x22 len data) — tonistiigi/fsutil types/wire.proto.
 */
/** Bytes reserved in front of the data for the header: 2 + (1 + 5) + (1 + 5), enough for 32-bit ID and length. */
const dataHeaderReserve = 14;
function varintLength(n) {
    let len = 1;
    while (n >= 0x80) {
        n = Math.floor(n / 128);
        len++;
    }
    return len;
}
function writeVarint(buf, at, n) {
    while (n >= 0x80) {
        buf[at++] = (n % 128) | 0x80;
        n = Math.floor(n / 128);
    }
    buf[at++] = n;
    return at;
}
/**
 * Writes the header right before `buffer[dataHeaderReserve, dataHeaderReserve + dataLength)` and returns the encoded
 * packet as a view of `buffer`. An empty data field is left out, as protobuf does for default values: that packet is
 * the end-of-file marker.
 */
function encodeDataPacket(buffer, id, dataLength) {
    const headerLength = 2 + (id === 0 ? 0 : 1 + varintLength(id)) + (dataLength === 0 ? 0 : 1 + varintLength(dataLength));
    let at = dataHeaderReserve - headerLength;
    const start = at;
    buffer[at++] = 0x08;
    buffer[at++] = 0x02;
    if (id !== 0) {
        buffer[at++] = 0x18;
        at = writeVarint(buffer, at, id);
    }
    if (dataLength !== 0) {
        buffer[at++] = 0x22;
        writeVarint(buffer, at, dataLength);
    }
    return buffer.subarray(start, dataHeaderReserve + dataLength);
}

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/wire/binary-encoding.js + 1 modules
var binary_encoding = __webpack_require__(1377);
;// CONCATENATED MODULE: ./build/buildkit/file-sync/stat-packet.js




/**
 * fsutil STAT packets encoded by hand, as data-packet.ts does for DATA: a 10,000-file listing sent through
 * protobuf-es's reflective `toBinary` cost more client CPU than the walk's lstat calls.
 *
 * Wire form of Packet{type: PACKET_STAT (0, left out), stat}: field 2 (0x12) length Stat; Stat fields 1 path,
 * 2 mode, 3 uid, 4 gid, 5 size, 6 modTime, 7 linkname, 8 devmajor, 9 devminor (tonistiigi/fsutil types/wire.proto).
 * Default values are left out, as protobuf does. xattrs (field 10) are never sent (fs-walk.ts says why).
 *
 * `path` and `linkname` are escaped strings (byte-names.ts) and go out as the bytes they stand for, which need not
 * be UTF-8: Go strings hold any bytes, fsutil's generated unmarshaler copies them without checking (read in
 * stat_vtproto.pb.go as BuildKit v0.26 vendors it; itg/buildkit/non-utf8-names shows v0.13 accepting them too), and
 * buildx sends such names the same way. The daemon's exporters send them the same way too: `decodePacket` reads them
 * back as bytes.
 */
/**
 * An int64 field's varint: a negative value as its 64-bit two's complement (ten bytes). The value is split into two
 * 32-bit halves once; shifting a bigint seven bits at a time cost as much as the rest of the packet.
 */
function int64Varint(v, out) {
    const u = BigInt.asUintN(64, v);
    let lo = Number(u & 0xffffffffn);
    let hi = Number(u >> 32n);
    while (hi > 0 || lo >= 0x80) {
        out.push((lo & 0x7f) | 0x80);
        lo = ((lo >>> 7) | (hi << 25)) >>> 0;
        hi >>>= 7;
    }
    out.push(lo);
}
function smallVarint(n, out) {
    while (n >= 0x80) {
        out.push((n % 128) | 0x80);
        n = Math.floor(n / 128);
    }
    out.push(n);
}
/** Packet{type: PACKET_STAT, stat} as protobuf bytes, the same bytes `toBinary(PacketSchema, ...)` gives. */
function encodeStatPacket(stat) {
    const path = nameToBytes(stat.path);
    const linkname = stat.linkname === "" ? undefined : nameToBytes(stat.linkname);
    const head = [];
    if (path.length > 0) {
        head.push(0x0a);
        smallVarint(path.length, head);
    }
    const mid = [];
    const uint32 = (tag, v) => {
        if (v !== 0) {
            mid.push(tag);
            smallVarint(v >>> 0, mid);
        }
    };
    const int64 = (tag, v, into) => {
        if (v !== 0n) {
            into.push(tag);
            int64Varint(v, into);
        }
    };
    uint32(0x10, stat.mode);
    uint32(0x18, stat.uid);
    uint32(0x20, stat.gid);
    int64(0x28, stat.size, mid);
    int64(0x30, stat.modTime, mid);
    const linkHead = [];
    if (linkname !== undefined) {
        linkHead.push(0x3a);
        smallVarint(linkname.length, linkHead);
    }
    const tail = [];
    int64(0x40, stat.devmajor, tail);
    int64(0x48, stat.devminor, tail);
    const statLength = head.length + path.length + mid.length + linkHead.length + (linkname?.length ?? 0) + tail.length;
    const outer = [0x12];
    smallVarint(statLength, outer);
    const out = Buffer.allocUnsafe(outer.length + statLength);
    let at = 0;
    for (const part of [outer, head])
        for (const b of part)
            out[at++] = b;
    if (path.length > 0)
        at += path.copy(out, at);
    for (const part of [mid, linkHead])
        for (const b of part)
            out[at++] = b;
    if (linkname !== undefined)
        at += linkname.copy(out, at);
    for (const b of tail)
        out[at++] = b;
    return out;
}
/** One Stat message's fields, read into `stat` (a repeated Stat merges into the earlier one, as protobuf's parsing does). */
function readStat(bytes, stat) {
    const reader = new binary_encoding/* BinaryReader */.V5(bytes);
    while (reader.pos < reader.len) {
        const [no, type] = reader.tag();
        const want = no === 1 || no === 7 || no === 10 ? binary_encoding/* WireType */.O0.LengthDelimited : binary_encoding/* WireType */.O0.Varint;
        if (no < 1 || no > 10 || type !== want) {
            reader.skip(type, no);
            continue;
        }
        switch (no) {
            case 1:
                stat.path = bytesToName(reader.bytes());
                break;
            case 2:
                stat.mode = reader.uint32();
                break;
            case 3:
                stat.uid = reader.uint32();
                break;
            case 4:
                stat.gid = reader.uint32();
                break;
            case 5:
                stat.size = BigInt(reader.int64());
                break;
            case 6:
                stat.modTime = BigInt(reader.int64());
                break;
            case 7:
                stat.linkname = bytesToName(reader.bytes());
                break;
            case 8:
                stat.devmajor = BigInt(reader.int64());
                break;
            case 9:
                stat.devminor = BigInt(reader.int64());
                break;
            case 10: {
                // map<string, bytes> entry: key 1, value 2. Never written to disk here; the key is kept as an escaped string.
                const entry = new binary_encoding/* BinaryReader */.V5(reader.bytes());
                let key = "";
                let value = new Uint8Array(0);
                while (entry.pos < entry.len) {
                    const [k, t] = entry.tag();
                    if (k === 1 && t === binary_encoding/* WireType */.O0.LengthDelimited)
                        key = bytesToName(entry.bytes());
                    else if (k === 2 && t === binary_encoding/* WireType */.O0.LengthDelimited)
                        value = entry.bytes();
                    else
                        entry.skip(t, k);
                }
                stat.xattrs[key] = value;
                break;
            }
        }
    }
}
/**
 * A Packet from its protobuf bytes, decoded by hand with protobuf-es's wire reader. `fromBinary(PacketSchema, raw)`
 * will not do for what the daemon's exporters send: Stat.path and Stat.linkname are proto3 `string`s, which
 * protobuf-es checks as UTF-8 and rejects ("The encoded data was not valid for encoding utf-8"), while fsutil sends
 * any bytes a file name holds. Here they become escaped strings (byte-names.ts) of their exact bytes. Fields this
 * receiver does not know are skipped.
 */
function decodePacket(raw) {
    const packet = (0,create/* create */.v)(wire_pb/* PacketSchema */.OD);
    const reader = new binary_encoding/* BinaryReader */.V5(raw);
    while (reader.pos < reader.len) {
        const [no, type] = reader.tag();
        if (no === 1 && type === binary_encoding/* WireType */.O0.Varint)
            packet.type = reader.int32();
        else if (no === 2 && type === binary_encoding/* WireType */.O0.LengthDelimited)
            readStat(reader.bytes(), (packet.stat ??= (0,create/* create */.v)(wire_pb/* StatSchema */.oV)));
        else if (no === 3 && type === binary_encoding/* WireType */.O0.Varint)
            packet.ID = reader.uint32();
        else if (no === 4 && type === binary_encoding/* WireType */.O0.LengthDelimited)
            packet.data = reader.bytes();
        else
            reader.skip(type, no);
    }
    return packet;
}

;// CONCATENATED MODULE: ./build/buildkit/file-sync/file-sync.js











// moby/buildkit v0.13 session/filesync/filesync.go: metadata keys of a DiffCopy call.
const keyDirName = "dir-name";
const keyIncludePatterns = "include-patterns";
const keyExcludePatterns = "exclude-patterns";
const keyFollowPaths = "followpaths";
/**
 * Bigger than fsutil's 32 KiB: the receiver writes whatever arrives, and fewer messages cost less here.
 * Chunking does not change what the daemon stores. 128 KiB rather than 512 KiB: the same CPU time, and peak RSS
 * on a 370 MiB context fell from ~160 to ~140 MiB (each in-flight chunk is a buffer until the session sends it).
 */
const chunkBytes = 128 * 1024;
/** Files read at once while answering requests (fsutil's sender uses 4 workers). */
const fileWorkers = 4;
/**
 * Go `url.QueryUnescape` to bytes, as an escaped string (byte-names.ts): a pattern naming a file that is not UTF-8
 * arrives as `%FF`-style escapes that `decodeURIComponent` would reject. Go returns "" for a malformed escape.
 */
function queryUnescape(v) {
    const bytes = [];
    const text = Buffer.from(v.replace(/\+/g, " "), "utf8");
    for (let i = 0; i < text.length; i++) {
        const b = text[i];
        if (b !== 0x25) {
            bytes.push(b);
            continue;
        }
        const hex = text.subarray(i + 1, i + 3).toString("latin1");
        if (!/^[0-9a-fA-F]{2}$/.test(hex))
            return "";
        bytes.push(parseInt(hex, 16));
        i += 2;
    }
    return bytesToName(Buffer.from(bytes));
}
/**
 * grpc-js receives a repeated header as one string joined with ", " (Node's http2 joins duplicates), so a
 * multi-valued key is split back. Values may be URL-escaped when the daemon sets "<key>-encoded".
 */
function metadataList(metadata, key) {
    const values = metadata
        .get(key)
        .flatMap((v) => String(v).split(", "))
        .filter((v) => v !== "");
    const encoded = metadata.get(`${key}-encoded`).some((v) => String(v) === "1");
    return encoded ? values.map(queryUnescape) : values;
}
function packet(init) {
    return (0,create/* create */.v)(wire_pb/* PacketSchema */.OD, init);
}
/**
 * Packets at most this big are buffered up to {@link smallPacketsBuffered} before the sender waits: the stream's own
 * limit (16 messages) made a 10,000-file listing stop and wait for the socket every 16 stats.
 */
const smallPacketBytes = 64 * 1024;
const smallPacketsBuffered = 512;
/** Writes with backpressure: resolves once the stream can take more. Buffers are packets already encoded. */
function send(call, p) {
    return new Promise((resolve, reject) => {
        if (call.destroyed)
            return reject(new Error("stream closed"));
        const small = !(p instanceof Buffer) || p.length <= smallPacketBytes;
        if (call.write(p) || (small && call.writableLength < smallPacketsBuffered))
            resolve();
        else
            call.once("drain", () => resolve());
    });
}
/**
 * grpc-js's server stream has only `_write`, so Node's Writable hands it one message at a time and holds the next
 * until the previous one's bytes have reached the socket: every fsutil packet cost a writev of its own (10,000 for a
 * 10,000-file listing, where grpc-go coalesces), and the daemon read them one small frame at a time. With `_writev`,
 * everything buffered meanwhile goes to the HTTP/2 stream at once, whose own `_writev` sends it in one write.
 */
function batchWrites(call) {
    call._writev = (chunks, callback) => {
        let pending = chunks.length;
        let failed = false;
        for (const { chunk, encoding } of chunks) {
            call._write(chunk, encoding, (err) => {
                if (failed)
                    return;
                if (err) {
                    failed = true;
                    callback(err);
                }
                else if (--pending === 0)
                    callback();
            });
        }
    };
}
/** Opens a file for reading, or undefined when it cannot be opened (fsutil then sends it as empty). */
function openForRead(path) {
    if (path === undefined)
        return undefined;
    try {
        return (0,external_node_fs_.openSync)(path, "r");
    }
    catch {
        return undefined;
    }
}
/**
 * Sends one file. Like fsutil's sender, a file that cannot be opened (or that the filter refuses to open) is sent
 * as empty: only the end-of-file packet goes out.
 *
 * Reads are synchronous: a context is mostly small files in the page cache, where each read takes microseconds,
 * and the three thread-pool round trips of fs/promises (open, read, close) cost more CPU than the reads themselves.
 * The awaited send between chunks still lets the event loop serve the connection.
 */
async function sendFile(call, id, file) {
    const fd = openForRead(file.source);
    let total = 0;
    if (fd !== undefined)
        try {
            // Buffers sized to what is left of the file (most context files are small): allocating a full chunk per
            // file made garbage collection a large part of a 10,000-file transfer.
            let wanted = Math.min(Math.max(file.size - total, 1), chunkBytes);
            for (;;) {
                const buffer = Buffer.allocUnsafe(dataHeaderReserve + wanted);
                const bytesRead = (0,external_node_fs_.readSync)(fd, buffer, dataHeaderReserve, wanted, null);
                if (bytesRead === 0)
                    break;
                total += bytesRead;
                await send(call, encodeDataPacket(buffer, id, bytesRead));
                // A short read of a regular file is its end; a file that grew since its stat is read on in chunks.
                if (bytesRead < wanted)
                    break;
                wanted = Math.min(Math.max(file.size - total, 1), chunkBytes);
            }
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
    // An empty DATA packet ends the file (fsutil send.go).
    await send(call, encodeDataPacket(Buffer.allocUnsafe(dataHeaderReserve), id, 0));
    return total;
}
/** One DiffCopy call: we are fsutil's sender, the daemon is the receiver that asks for changed files. */
async function diffCopy(call, dirs) {
    const dirName = metadataList(call.metadata, keyDirName)[0] ?? "";
    const root = dirs.get(dirName);
    if (root === undefined) {
        throw Object.assign(new Error(`no access allowed to dir "${dirName}"`), { code: src/* status */.h5.NOT_FOUND });
    }
    batchWrites(call);
    const files = new Map();
    let statsSent = 0;
    let filesSent = 0;
    let bytesSent = 0;
    const queue = [];
    const waiters = [];
    const wake = () => waiters.splice(0).forEach((resolve) => resolve());
    let finished = false;
    let failure;
    const received = new Promise((resolve, reject) => {
        call.on("data", (p) => {
            switch (p.type) {
                case wire_pb/* Packet_PacketType */.o8.PACKET_REQ:
                    queue.push(p.ID);
                    wake();
                    break;
                case wire_pb/* Packet_PacketType */.o8.PACKET_FIN:
                    finished = true;
                    wake();
                    resolve();
                    break;
                case wire_pb/* Packet_PacketType */.o8.PACKET_ERR:
                    reject(new Error(`error from receiver: ${Buffer.from(p.data).toString("utf8")}`));
                    break;
            }
        });
        call.on("end", () => resolve());
        call.on("error", reject);
    });
    const walk = (async () => {
        let id = 0;
        for await (const entry of walkDir(root, {
            includePatterns: metadataList(call.metadata, keyIncludePatterns),
            excludePatterns: metadataList(call.metadata, keyExcludePatterns),
            followPaths: metadataList(call.metadata, keyFollowPaths),
            signal: call.cancelled ? AbortSignal.abort() : new AbortController().signal,
        })) {
            if (entry.requestable)
                files.set(id, { source: entry.source, size: Number(entry.stat.size) });
            id++;
            statsSent++;
            await send(call, encodeStatPacket(entry.stat));
        }
        // A STAT packet without a stat ends the listing.
        await send(call, packet({ type: wire_pb/* Packet_PacketType */.o8.PACKET_STAT }));
    })();
    const worker = async () => {
        for (;;) {
            const id = queue.shift();
            if (id === undefined) {
                if (finished || failure !== undefined)
                    return;
                await new Promise((resolve) => waiters.push(resolve));
                continue;
            }
            if (!files.has(id))
                throw new Error(`invalid file id ${id}`);
            const file = files.get(id);
            files.delete(id);
            bytesSent += await sendFile(call, id, file);
            filesSent++;
        }
    };
    const workers = Array.from({ length: fileWorkers }, () => worker());
    try {
        await Promise.all([walk, received, ...workers]);
    }
    catch (err) {
        failure = err;
        wake();
        throw err;
    }
    await send(call, packet({ type: wire_pb/* Packet_PacketType */.o8.PACKET_FIN }));
    return { dir: dirName, statsSent, filesSent, bytesSent };
}
const fileSyncDefinition = (0,grpc_service/* grpcService */.UL)(filesync_pb/* FileSync */.I$);
const diffCopyDefinition = fileSyncDefinition["diffCopy"];
/** DiffCopy's serializer also passes through the STAT and DATA packets encoded here. */
const fileSyncService = {
    ...fileSyncDefinition,
    diffCopy: {
        ...diffCopyDefinition,
        responseSerialize: (value) => Buffer.isBuffer(value) ? value : diffCopyDefinition.responseSerialize(value),
    },
};
/**
 * Serves local directories (build context, Dockerfile dir, named contexts) by name, sending exactly what
 * fsutil's sender would so the daemon's cache keys and the image bytes match the Go client's.
 */
function fileSync(dirs, onTransfer) {
    return {
        register(server) {
            server.addService(fileSyncService, {
                diffCopy(call) {
                    diffCopy(call, dirs).then((transfer) => {
                        onTransfer?.(transfer);
                        call.end();
                    }, (err) => {
                        const code = err.code ?? src/* status */.h5.UNKNOWN;
                        const message = (0,message_of/* messageOf */.b)(err);
                        if (!call.destroyed)
                            call.write(packet({ type: wire_pb/* Packet_PacketType */.o8.PACKET_ERR, data: Buffer.from(message) }));
                        call.emit("error", { code, details: message });
                    });
                },
            });
            return filesync_pb/* FileSync */.I$.methods.map(grpc_service/* methodPath */.Bp);
        },
    };
}

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/to-binary.js + 1 modules
var to_binary = __webpack_require__(1015);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
;// CONCATENATED MODULE: ./build/buildkit/file-sync/file-send.js













// moby/buildkit v0.13 session/filesync/filesync.go
const fileSendPath = "/moby.filesync.v1.FileSend/DiffCopy";
const keyExporterId = "buildkit-attachable-exporter-id";
// Go os.FileMode bits (io/fs).
const modeDir = 0x80000000;
const modeSymlink = 0x08000000;
const modeType = 0x8f280000;
const modeSetuid = 0x00800000;
const modeSetgid = 0x00400000;
const modeSticky = 0x00100000;
function unixMode(goMode) {
    let m = goMode & 0o777;
    if (goMode & modeSetuid)
        m |= 0o4000;
    if (goMode & modeSetgid)
        m |= 0o2000;
    if (goMode & modeSticky)
        m |= 0o1000;
    return m;
}
/**
 * Calls `onMessage` for each message, one at a time, until the daemon closes its side. Async iteration is not
 * used because it destroys the call when the loop ends, and the reply (FIN, status) must still go out.
 */
function eachMessage(call, onMessage) {
    return new Promise((resolve, reject) => {
        let chain = Promise.resolve();
        let stopped = false;
        call.on("data", (raw) => {
            call.pause();
            chain = chain
                .then(async () => {
                if (stopped)
                    return;
                if ((await onMessage(raw)) === true) {
                    stopped = true;
                    resolve();
                }
                call.resume();
            })
                .catch((err) => {
                stopped = true;
                reject(err);
            });
        });
        call.on("end", () => void chain.then(() => resolve(), reject));
        call.on("error", reject);
    });
}
/**
 * Writes a single-file export (tar, oci, docker): BytesMessage chunks until the daemon closes its side. The bytes go
 * to a new file beside `dest` that is renamed over it, so a link already at `dest` is replaced, never followed.
 */
async function receiveFile(call, dest) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(dest), { recursive: true });
    const temp = tempName(dest);
    const out = (0,external_node_fs_.createWriteStream)(temp, { flags: "wx" });
    try {
        await eachMessage(call, async (raw) => {
            const { data } = (0,from_binary/* fromBinary */.Er)(filesync_pb/* BytesMessageSchema */.W6, raw);
            if (!out.write(data))
                await (0,external_node_events_.once)(out, "drain");
        });
        out.end();
        await (0,external_node_events_.once)(out, "finish");
        await (0,promises_.rename)(temp, dest);
    }
    catch (err) {
        out.destroy();
        await (0,promises_.rm)(temp, { force: true });
        throw err;
    }
}
/** A fresh name beside `path` (same directory, so the rename is atomic and stays inside it). */
function tempName(path) {
    return (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.kiln-${(0,external_node_crypto_.randomBytes)(6).toString("hex")}`);
}
/** What is at `path` itself (a link is not followed), or undefined. */
async function lstatOrUndefined(path) {
    return (0,promises_.lstat)(diskPath(path)).catch((err) => {
        if (err.code === "ENOENT")
            return undefined;
        throw err;
    });
}
/**
 * Inside `root`, or an error: a hostile stream must not write outside the export directory, so absolute names and
 * `..` components are refused outright rather than resolved.
 */
function within(root, path) {
    const refuse = () => {
        throw new Error(`refusing path outside the export directory: ${JSON.stringify(displayName(path))}`);
    };
    if (path === "" || (0,external_node_path_.isAbsolute)(path) || path.split(/[/\\]/).includes(".."))
        refuse();
    const full = (0,external_node_path_.resolve)(root, path);
    if (full !== root && !full.startsWith(root + external_node_path_.sep))
        refuse();
    return full;
}
/**
 * Makes every directory between `root` and `path` a real directory: a link (or file) left there by an earlier
 * export is removed, not followed, so nothing this export writes lands outside `root`. `checked` holds the
 * directories already made real in this export.
 */
async function realParents(root, path, checked) {
    const missing = [];
    for (let dir = (0,external_node_path_.dirname)(path); !checked.has(dir) && dir.startsWith(root + external_node_path_.sep); dir = (0,external_node_path_.dirname)(dir))
        missing.unshift(dir);
    for (const dir of missing)
        await realDir(dir, checked);
}
async function realDir(dir, checked) {
    const st = await lstatOrUndefined(dir);
    if (st && !st.isDirectory())
        await clear(dir);
    if (!st?.isDirectory())
        await (0,promises_.mkdir)(diskPath(dir));
    checked.add(dir);
}
/** Clears `path` for an entry of another kind: whatever is there (a link, a file, a tree) goes; links are not followed. */
async function clear(path) {
    await (0,promises_.rm)(diskPath(path), { force: true, recursive: true });
}
/**
 * Receives a `local` export: the daemon is fsutil's sender on this stream, we ask for every regular file and
 * write the tree under `dest`, then say FIN (tonistiigi/fsutil receive.go). Links already in `dest` are never
 * followed: each entry replaces what is at its path, and files are written under a temporary name and renamed.
 * Names are bytes: Stat paths and link targets are escaped strings (byte-names.ts) and reach the disk as the exact
 * bytes the daemon sent, even when they are not UTF-8.
 */
async function receiveTree(call, dest) {
    const root = (0,external_node_path_.resolve)(dest);
    await (0,promises_.mkdir)(root, { recursive: true });
    const stats = [];
    const writers = new Map();
    let pending = 0;
    let listed = false;
    let allWritten = () => { };
    const written = new Promise((r) => (allWritten = r));
    const send = (p) => {
        call.write(Buffer.from((0,to_binary/* toBinary */.R)(wire_pb/* PacketSchema */.OD, p)));
    };
    const checked = new Set([root]);
    /** File id -> [temporary name, final name]. */
    const targets = new Map();
    /** [source, path] of each hardlink: made once every file is written, as its source arrives under a temporary name. */
    const hardlinks = [];
    const onListed = async () => {
        for (const [id, st] of stats.entries()) {
            const path = within(root, st.path);
            if (path === root)
                continue;
            await realParents(root, path, checked);
            if (st.mode & modeDir) {
                await realDir(path, checked);
            }
            else if (st.mode & modeSymlink) {
                await clear(path);
                await (0,promises_.symlink)(diskPath(st.linkname), diskPath(path));
            }
            else if ((st.mode & modeType) === 0 && st.linkname !== "") {
                await clear(path);
                hardlinks.push([within(root, st.linkname), path]);
            }
            else if ((st.mode & modeType) === 0) {
                const temp = tempName(path);
                writers.set(id, (0,external_node_fs_.createWriteStream)(diskPath(temp), { flags: "wx", mode: unixMode(st.mode) }));
                targets.set(id, [temp, path]);
                pending++;
                send((0,create/* create */.v)(wire_pb/* PacketSchema */.OD, { type: wire_pb/* Packet_PacketType */.o8.PACKET_REQ, ID: id }));
            }
        }
        if (pending === 0)
            allWritten();
    };
    const finishFile = async (id) => {
        const w = writers.get(id);
        if (!w)
            throw new Error(`data for unrequested file id ${id}`);
        writers.delete(id);
        w.end();
        await (0,external_node_events_.once)(w, "finish");
        const [temp, path] = targets.get(id);
        // A directory there goes first; a link or file is replaced by the rename itself.
        if ((await lstatOrUndefined(path))?.isDirectory())
            await clear(path);
        await (0,promises_.rename)(diskPath(temp), diskPath(path));
        if (--pending === 0)
            allWritten();
    };
    const reading = eachMessage(call, async (raw) => {
        const p = decodePacket(raw);
        switch (p.type) {
            case wire_pb/* Packet_PacketType */.o8.PACKET_STAT:
                if (p.stat)
                    stats.push(p.stat);
                else if (!listed) {
                    listed = true;
                    await onListed();
                }
                return false;
            case wire_pb/* Packet_PacketType */.o8.PACKET_DATA:
                if (p.data.length === 0)
                    await finishFile(p.ID);
                else {
                    const w = writers.get(p.ID);
                    if (!w)
                        throw new Error(`data for unrequested file id ${p.ID}`);
                    if (!w.write(p.data))
                        await (0,external_node_events_.once)(w, "drain");
                }
                return false;
            case wire_pb/* Packet_PacketType */.o8.PACKET_ERR:
                throw new Error(`error from sender: ${Buffer.from(p.data).toString("utf8")}`);
            case wire_pb/* Packet_PacketType */.o8.PACKET_FIN:
                return true;
            default:
                return false;
        }
    });
    await Promise.race([written, reading]);
    // link(2) does not follow a link named as its source; the source is an entry of this export, written by now.
    for (const [source, path] of hardlinks)
        await (0,promises_.link)(diskPath(source), diskPath(path));
    // Modes and times last, deepest first, so creating children does not disturb their parents' mtimes.
    for (const st of [...stats].reverse()) {
        const path = within(root, st.path);
        if (path === root)
            continue;
        const seconds = Number(st.modTime) / 1e9;
        // chmod and utimes follow links: anything that is a link now only gets lutimes.
        if (st.mode & modeSymlink || (await lstatOrUndefined(path))?.isSymbolicLink() !== false)
            await (0,promises_.lutimes)(diskPath(path), seconds, seconds).catch(() => { });
        else {
            await (0,promises_.chmod)(diskPath(path), unixMode(st.mode));
            await (0,promises_.utimes)(diskPath(path), seconds, seconds);
        }
    }
    send((0,create/* create */.v)(wire_pb/* PacketSchema */.OD, { type: wire_pb/* Packet_PacketType */.o8.PACKET_FIN }));
    await reading;
}
/**
 * Receives what exporters send to the client. The daemon names the exporter by its index in the solve request
 * (metadata "buildkit-attachable-exporter-id"; absent means 0).
 */
function fileSend(exports) {
    return {
        register(server) {
            server.register(fileSendPath, (call) => {
                const id = Number(call.metadata.get(keyExporterId)[0] ?? "0");
                const target = exports.find((e) => e.index === id);
                if (!target) {
                    call.emit("error", { code: src/* status */.h5.NOT_FOUND, details: `no client export with id ${id}` });
                    return;
                }
                const dest = target.exporter.dest;
                const work = target.exporter.type === "local" ? receiveTree(call, dest) : receiveFile(call, (0,external_node_path_.join)(dest));
                work.then(() => call.end(), (err) => call.emit("error", {
                    code: src/* status */.h5.INTERNAL,
                    details: `failed to write export to ${dest}: ${(0,message_of/* messageOf */.b)(err)}`,
                }));
            }, (0,grpc_service/* rawMethod */.Yh)(fileSendPath, true, true).requestDeserialize, (0,grpc_service/* rawMethod */.Yh)(fileSendPath, true, true).responseSerialize, "bidi");
            return [fileSendPath];
        },
    };
}

;// CONCATENATED MODULE: ./build/buildkit/content-store/content-store.js






/**
 * A failure of the content store, carrying the gRPC status the Content service answers with. The daemon's
 * containerd proxy turns these codes back into errdefs (NotFound, AlreadyExists, Unavailable, ...) and relies on
 * them: AlreadyExists means "skip this blob", Unavailable means "ref is busy, retry". Internal to the library:
 * it never leaves the session service.
 */
class ContentStoreError extends Error {
    grpcCode;
    name = "ContentStoreError";
    constructor(message, grpcCode) {
        super(message);
        this.grpcCode = grpcCode;
    }
}
/** sha256, sha384 and sha512 digests as OCI layouts store them (blobs/<algorithm>/<hex>). */
const digestPattern = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;
/** Whether `digest` is a well-formed sha256, sha384 or sha512 digest. */
function isDigest(digest) {
    return digestPattern.test(digest);
}
/** Throws InvalidArgument unless `digest` is a well-formed OCI digest; containerd answers the same way. */
function checkDigest(digest) {
    if (!digestPattern.test(digest)) {
        throw new ContentStoreError(`${JSON.stringify(digest)} failed validation`, src/* status */.h5.INVALID_ARGUMENT);
    }
}
/** Where an OCI layout keeps a blob: `<root>/blobs/<algorithm>/<hex>`. */
function blobPath(root, digest) {
    checkDigest(digest);
    const [algorithm, hex] = digest.split(":");
    return (0,external_node_path_.join)(root, "blobs", algorithm, hex);
}
const notFound = (what) => new ContentStoreError(`content ${what}: not found`, src/* status */.h5.NOT_FOUND);
/**
 * containerd's content store (content/local, as `buildctl` opens it with `contentlocal.NewStore`) over an OCI
 * image layout directory: blobs under `blobs/sha256/`, writes staged in a private directory under `ingest/` and
 * renamed into place on commit, so a blob is either complete or absent. Blobs are made read-only (0444) like
 * containerd's. Ingests live only as long as this object: `close()` removes the partial ones.
 */
class LocalContentStore {
    root;
    ingests = new Map();
    seen = new Set();
    ingestDir;
    ingestCount = 0;
    constructor(root) {
        this.root = root;
    }
    /**
     * Digests the daemon wrote, or offered to write and found present, through this store: after a cache export
     * these are exactly the blobs of that export.
     */
    get touched() {
        return this.seen;
    }
    async info(digest) {
        const path = blobPath(this.root, digest);
        const st = await (0,promises_.stat)(path).catch(() => undefined);
        if (!st?.isFile())
            throw notFound(digest);
        return { digest, sizeBytes: st.size, createdMs: st.mtimeMs, updatedMs: st.mtimeMs };
    }
    /** Whether the blob is present, without the cost of an error when it is not. */
    async has(digest) {
        return (await (0,promises_.stat)(blobPath(this.root, digest)).catch(() => undefined))?.isFile() ?? false;
    }
    /**
     * A stream of the blob's bytes from `offset`, `size` bytes long; `size <= 0` or past the end means to the end.
     * Rejects with OutOfRange when `offset` is past the end, as containerd does.
     */
    async read(digest, offset, size, chunkBytes) {
        const info = await this.info(digest);
        const start = Math.max(0, offset);
        if (start > info.sizeBytes) {
            throw new ContentStoreError(`read past object length ${info.sizeBytes} bytes`, src/* status */.h5.OUT_OF_RANGE);
        }
        const length = size <= 0 || start + size > info.sizeBytes ? info.sizeBytes - start : size;
        // createReadStream's `end` is inclusive, so it cannot express an empty range (a read at the very end).
        if (length === 0)
            return external_node_stream_.Readable.from([]);
        return (0,external_node_fs_.createReadStream)(blobPath(this.root, digest), { start, end: start + length - 1, highWaterMark: chunkBytes });
    }
    /** Every committed blob (sha256, sha384, sha512). */
    async list() {
        const out = [];
        for (const algorithm of ["sha256", "sha384", "sha512"]) {
            const names = await (0,promises_.readdir)((0,external_node_path_.join)(this.root, "blobs", algorithm)).catch(() => []);
            for (const hex of names) {
                const digest = `${algorithm}:${hex}`;
                if (!digestPattern.test(digest))
                    continue;
                const info = await this.info(digest).catch(() => undefined);
                if (info)
                    out.push(info);
            }
        }
        return out;
    }
    async delete(digest) {
        if (!(await this.has(digest)))
            throw notFound(digest);
        await (0,promises_.rm)(blobPath(this.root, digest), { force: true });
    }
    status(ref) {
        const ingest = this.ingests.get(ref);
        if (!ingest)
            throw notFound(`ref ${ref}`);
        return statusOf(ingest);
    }
    listStatuses() {
        return [...this.ingests.values()].map(statusOf);
    }
    /** Drops an ingest and its data. NotFound when there is none; Unavailable while a writer holds it. */
    async abort(ref) {
        const ingest = this.ingests.get(ref);
        if (!ingest)
            throw notFound(`ref ${ref}`);
        if (ingest.locked)
            throw new ContentStoreError(`ref ${ref} locked`, src/* status */.h5.UNAVAILABLE);
        await this.drop(ingest);
    }
    /**
     * Opens (or resumes) the ingest `ref`. Rejects with AlreadyExists when `expected` is already stored (the daemon
     * then skips the blob) and with Unavailable while another stream writes the same ref (the daemon retries).
     */
    async openWriter(ref, options) {
        if (ref === "")
            throw new ContentStoreError("ref must not be empty", src/* status */.h5.INVALID_ARGUMENT);
        if (options.expected !== "") {
            checkDigest(options.expected);
            if (await this.has(options.expected)) {
                this.seen.add(options.expected);
                throw new ContentStoreError(`content ${options.expected}: already exists`, src/* status */.h5.ALREADY_EXISTS);
            }
        }
        const dir = await this.ingestRoot();
        let ingest = this.ingests.get(ref);
        if (ingest?.locked)
            throw new ContentStoreError(`ref ${ref} locked`, src/* status */.h5.UNAVAILABLE);
        if (!ingest) {
            const now = Date.now();
            ingest = {
                ref,
                path: (0,external_node_path_.join)(dir, String(this.ingestCount++)),
                handle: undefined,
                offset: 0,
                total: 0,
                expected: "",
                hash: (0,external_node_crypto_.createHash)("sha256"),
                startedMs: now,
                updatedMs: now,
                locked: false,
            };
            this.ingests.set(ref, ingest);
        }
        ingest.locked = true;
        if (options.total > 0)
            ingest.total = options.total;
        if (options.expected !== "")
            ingest.expected = options.expected;
        try {
            // Opened once per ingest and kept open across resumes; writes are positional.
            ingest.handle ??= await (0,promises_.open)(ingest.path, "w");
        }
        catch (err) {
            ingest.locked = false;
            throw err;
        }
        return this.writer(ingest);
    }
    /** Removes this store's ingest directory with any partial data; committed blobs stay. */
    async close() {
        for (const ingest of this.ingests.values())
            await ingest.handle?.close().catch(() => { });
        this.ingests.clear();
        const dir = await this.ingestDir?.catch(() => undefined);
        this.ingestDir = undefined;
        if (dir) {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
            // ingest/ itself goes too unless another process is writing there.
            await (0,promises_.rmdir)((0,external_node_path_.join)(this.root, "ingest")).catch(() => { });
        }
    }
    ingestRoot() {
        // One directory per store object so two processes sharing a cache directory never touch each other's data.
        this.ingestDir ??= (async () => {
            const dir = (0,external_node_path_.join)(this.root, "ingest", `kiln-${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString("hex")}`);
            await (0,promises_.mkdir)(dir, { recursive: true });
            return dir;
        })();
        return this.ingestDir;
    }
    async drop(ingest) {
        this.ingests.delete(ingest.ref);
        await ingest.handle?.close().catch(() => { });
        ingest.handle = undefined;
        await (0,promises_.rm)(ingest.path, { force: true });
    }
    writer(ingest) {
        let open = true;
        const check = () => {
            if (!open || !ingest.handle)
                throw new ContentStoreError(`writer for ${ingest.ref} is closed`, src/* status */.h5.ABORTED);
            return ingest.handle;
        };
        return {
            status: () => ({ ...statusOf(ingest), digest: `sha256:${ingest.hash.copy().digest("hex")}` }),
            write: async (data, offset) => {
                const handle = check();
                if (offset > 0 && offset !== ingest.offset) {
                    throw new ContentStoreError(`write @${offset} must occur at current offset ${ingest.offset}`, src/* status */.h5.OUT_OF_RANGE);
                }
                if (offset === 0 && ingest.offset > 0) {
                    await handle.truncate(0);
                    ingest.offset = 0;
                    ingest.hash = (0,external_node_crypto_.createHash)("sha256");
                }
                if (data.length > 0) {
                    await handle.write(data, 0, data.length, ingest.offset);
                    ingest.hash.update(data);
                    ingest.offset += data.length;
                    ingest.updatedMs = Date.now();
                }
                return ingest.offset;
            },
            commit: async (total, expected) => {
                check();
                const size = total > 0 ? total : ingest.total;
                if (size > 0 && ingest.offset !== size) {
                    throw new ContentStoreError(`unexpected commit size ${ingest.offset}, expected ${size}`, src/* status */.h5.FAILED_PRECONDITION);
                }
                const digest = `sha256:${ingest.hash.copy().digest("hex")}`;
                const want = expected !== "" ? expected : ingest.expected;
                if (want !== "" && want !== digest) {
                    throw new ContentStoreError(`unexpected commit digest ${digest}, expected ${want}`, src/* status */.h5.FAILED_PRECONDITION);
                }
                open = false;
                ingest.locked = false;
                await ingest.handle?.close();
                ingest.handle = undefined;
                const target = blobPath(this.root, digest);
                await (0,promises_.mkdir)((0,external_node_path_.join)(target, ".."), { recursive: true });
                this.seen.add(digest);
                // link() fails when the target exists, so two writers of one blob cannot replace each other's file.
                const linked = await (0,promises_.link)(ingest.path, target).then(() => true, (err) => {
                    if (err.code === "EEXIST")
                        return false;
                    throw err;
                });
                await this.drop(ingest);
                if (!linked)
                    throw new ContentStoreError(`content ${digest}: already exists`, src/* status */.h5.ALREADY_EXISTS);
                await (0,promises_.chmod)(target, 0o444);
                return digest;
            },
            announce: (total, expected) => {
                if (total > 0)
                    ingest.total = total;
                if (expected !== "")
                    ingest.expected = expected;
            },
            skipIfStored: async (expected) => {
                if (!(await this.has(expected)))
                    return false;
                this.seen.add(expected);
                open = false;
                ingest.locked = false;
                await this.drop(ingest);
                return true;
            },
            release: () => {
                open = false;
                ingest.locked = false;
                return Promise.resolve();
            },
        };
    }
}
function statusOf(i) {
    return {
        ref: i.ref,
        offset: i.offset,
        total: i.total,
        expected: i.expected,
        startedMs: i.startedMs,
        updatedMs: i.updatedMs,
    };
}

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/wkt/timestamp.js
var timestamp = __webpack_require__(2348);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/wkt/google/protobuf/empty_pb.js
var empty_pb = __webpack_require__(8526);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/wkt/google/protobuf/field_mask_pb.js
var field_mask_pb = __webpack_require__(3328);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/wkt/google/protobuf/timestamp_pb.js
var timestamp_pb = __webpack_require__(6641);
;// CONCATENATED MODULE: ./build/buildkit/gen/containerd/services/content/v1/content_pb.js
// containerd api/services/content/v1/content.proto (v1.7, as vendored by moby/buildkit v0.13; field numbers
// unchanged at containerd HEAD). The daemon calls this service on the session to reach the client's content
// stores (moby/buildkit session/content), choosing the store by the `buildkit-attachable-store-id` header.


/**
 * Describes the file containerd/services/content/v1/content.proto.
 */
const file_containerd_services_content_v1_content = /*@__PURE__*/ (0,file/* fileDesc */.w)("Cixjb250YWluZXJkL3NlcnZpY2VzL2NvbnRlbnQvdjEvY29udGVudC5wcm90bxIeY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxIvUBCgRJbmZvEg4KBmRpZ2VzdBgBIAEoCRIMCgRzaXplGAIgASgDEi4KCmNyZWF0ZWRfYXQYAyABKAsyGi5nb29nbGUucHJvdG9idWYuVGltZXN0YW1wEi4KCnVwZGF0ZWRfYXQYBCABKAsyGi5nb29nbGUucHJvdG9idWYuVGltZXN0YW1wEkAKBmxhYmVscxgFIAMoCzIwLmNvbnRhaW5lcmQuc2VydmljZXMuY29udGVudC52MS5JbmZvLkxhYmVsc0VudHJ5Gi0KC0xhYmVsc0VudHJ5EgsKA2tleRgBIAEoCRINCgV2YWx1ZRgCIAEoCToCOAEiHQoLSW5mb1JlcXVlc3QSDgoGZGlnZXN0GAEgASgJIkIKDEluZm9SZXNwb25zZRIyCgRpbmZvGAEgASgLMiQuY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLkluZm8idAoNVXBkYXRlUmVxdWVzdBIyCgRpbmZvGAEgASgLMiQuY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLkluZm8SLwoLdXBkYXRlX21hc2sYAiABKAsyGi5nb29nbGUucHJvdG9idWYuRmllbGRNYXNrIkQKDlVwZGF0ZVJlc3BvbnNlEjIKBGluZm8YASABKAsyJC5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuSW5mbyIlChJMaXN0Q29udGVudFJlcXVlc3QSDwoHZmlsdGVycxgBIAMoCSJJChNMaXN0Q29udGVudFJlc3BvbnNlEjIKBGluZm8YASADKAsyJC5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuSW5mbyImChREZWxldGVDb250ZW50UmVxdWVzdBIOCgZkaWdlc3QYASABKAkiQgoSUmVhZENvbnRlbnRSZXF1ZXN0Eg4KBmRpZ2VzdBgBIAEoCRIOCgZvZmZzZXQYAiABKAMSDAoEc2l6ZRgDIAEoAyIzChNSZWFkQ29udGVudFJlc3BvbnNlEg4KBm9mZnNldBgBIAEoAxIMCgRkYXRhGAIgASgMIqYBCgZTdGF0dXMSLgoKc3RhcnRlZF9hdBgBIAEoCzIaLmdvb2dsZS5wcm90b2J1Zi5UaW1lc3RhbXASLgoKdXBkYXRlZF9hdBgCIAEoCzIaLmdvb2dsZS5wcm90b2J1Zi5UaW1lc3RhbXASCwoDcmVmGAMgASgJEg4KBm9mZnNldBgEIAEoAxINCgV0b3RhbBgFIAEoAxIQCghleHBlY3RlZBgGIAEoCSIcCg1TdGF0dXNSZXF1ZXN0EgsKA3JlZhgBIAEoCSJICg5TdGF0dXNSZXNwb25zZRI2CgZzdGF0dXMYASABKAsyJi5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuU3RhdHVzIiYKE0xpc3RTdGF0dXNlc1JlcXVlc3QSDwoHZmlsdGVycxgBIAMoCSJQChRMaXN0U3RhdHVzZXNSZXNwb25zZRI4CghzdGF0dXNlcxgBIAMoCzImLmNvbnRhaW5lcmQuc2VydmljZXMuY29udGVudC52MS5TdGF0dXMingIKE1dyaXRlQ29udGVudFJlcXVlc3QSOwoGYWN0aW9uGAEgASgOMisuY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLldyaXRlQWN0aW9uEgsKA3JlZhgCIAEoCRINCgV0b3RhbBgDIAEoAxIQCghleHBlY3RlZBgEIAEoCRIOCgZvZmZzZXQYBSABKAMSDAoEZGF0YRgGIAEoDBJPCgZsYWJlbHMYByADKAsyPy5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuV3JpdGVDb250ZW50UmVxdWVzdC5MYWJlbHNFbnRyeRotCgtMYWJlbHNFbnRyeRILCgNrZXkYASABKAkSDQoFdmFsdWUYAiABKAk6AjgBIuIBChRXcml0ZUNvbnRlbnRSZXNwb25zZRI7CgZhY3Rpb24YASABKA4yKy5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuV3JpdGVBY3Rpb24SLgoKc3RhcnRlZF9hdBgCIAEoCzIaLmdvb2dsZS5wcm90b2J1Zi5UaW1lc3RhbXASLgoKdXBkYXRlZF9hdBgDIAEoCzIaLmdvb2dsZS5wcm90b2J1Zi5UaW1lc3RhbXASDgoGb2Zmc2V0GAQgASgDEg0KBXRvdGFsGAUgASgDEg4KBmRpZ2VzdBgGIAEoCSIbCgxBYm9ydFJlcXVlc3QSCwoDcmVmGAEgASgJKi4KC1dyaXRlQWN0aW9uEggKBFNUQVQQABIJCgVXUklURRABEgoKBkNPTU1JVBACMr4HCgdDb250ZW50EmEKBEluZm8SKy5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuSW5mb1JlcXVlc3QaLC5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuSW5mb1Jlc3BvbnNlEmcKBlVwZGF0ZRItLmNvbnRhaW5lcmQuc2VydmljZXMuY29udGVudC52MS5VcGRhdGVSZXF1ZXN0Gi4uY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLlVwZGF0ZVJlc3BvbnNlEnEKBExpc3QSMi5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuTGlzdENvbnRlbnRSZXF1ZXN0GjMuY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLkxpc3RDb250ZW50UmVzcG9uc2UwARJWCgZEZWxldGUSNC5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuRGVsZXRlQ29udGVudFJlcXVlc3QaFi5nb29nbGUucHJvdG9idWYuRW1wdHkScQoEUmVhZBIyLmNvbnRhaW5lcmQuc2VydmljZXMuY29udGVudC52MS5SZWFkQ29udGVudFJlcXVlc3QaMy5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuUmVhZENvbnRlbnRSZXNwb25zZTABEmcKBlN0YXR1cxItLmNvbnRhaW5lcmQuc2VydmljZXMuY29udGVudC52MS5TdGF0dXNSZXF1ZXN0Gi4uY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLlN0YXR1c1Jlc3BvbnNlEnkKDExpc3RTdGF0dXNlcxIzLmNvbnRhaW5lcmQuc2VydmljZXMuY29udGVudC52MS5MaXN0U3RhdHVzZXNSZXF1ZXN0GjQuY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLkxpc3RTdGF0dXNlc1Jlc3BvbnNlEnYKBVdyaXRlEjMuY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLldyaXRlQ29udGVudFJlcXVlc3QaNC5jb250YWluZXJkLnNlcnZpY2VzLmNvbnRlbnQudjEuV3JpdGVDb250ZW50UmVzcG9uc2UoATABEk0KBUFib3J0EiwuY29udGFpbmVyZC5zZXJ2aWNlcy5jb250ZW50LnYxLkFib3J0UmVxdWVzdBoWLmdvb2dsZS5wcm90b2J1Zi5FbXB0eWIGcHJvdG8z", [field_mask_pb/* file_google_protobuf_field_mask */.B, timestamp_pb/* file_google_protobuf_timestamp */.i, empty_pb/* file_google_protobuf_empty */.t]);
/**
 * Describes the message containerd.services.content.v1.Info.
 * Use `create(InfoSchema)` to create a new message.
 */
const InfoSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_containerd_services_content_v1_content, 0);
/**
 * Describes the message containerd.services.content.v1.InfoRequest.
 * Use `create(InfoRequestSchema)` to create a new message.
 */
const InfoRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 1)));
/**
 * Describes the message containerd.services.content.v1.InfoResponse.
 * Use `create(InfoResponseSchema)` to create a new message.
 */
const InfoResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_containerd_services_content_v1_content, 2);
/**
 * Describes the message containerd.services.content.v1.UpdateRequest.
 * Use `create(UpdateRequestSchema)` to create a new message.
 */
const UpdateRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 3)));
/**
 * Describes the message containerd.services.content.v1.UpdateResponse.
 * Use `create(UpdateResponseSchema)` to create a new message.
 */
const UpdateResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 4)));
/**
 * Describes the message containerd.services.content.v1.ListContentRequest.
 * Use `create(ListContentRequestSchema)` to create a new message.
 */
const ListContentRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 5)));
/**
 * Describes the message containerd.services.content.v1.ListContentResponse.
 * Use `create(ListContentResponseSchema)` to create a new message.
 */
const ListContentResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_containerd_services_content_v1_content, 6);
/**
 * Describes the message containerd.services.content.v1.DeleteContentRequest.
 * Use `create(DeleteContentRequestSchema)` to create a new message.
 */
const DeleteContentRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 7)));
/**
 * Describes the message containerd.services.content.v1.ReadContentRequest.
 * Use `create(ReadContentRequestSchema)` to create a new message.
 */
const ReadContentRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 8)));
/**
 * Describes the message containerd.services.content.v1.ReadContentResponse.
 * Use `create(ReadContentResponseSchema)` to create a new message.
 */
const ReadContentResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_containerd_services_content_v1_content, 9);
/**
 * Describes the message containerd.services.content.v1.Status.
 * Use `create(StatusSchema)` to create a new message.
 */
const content_pb_StatusSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_containerd_services_content_v1_content, 10);
/**
 * Describes the message containerd.services.content.v1.StatusRequest.
 * Use `create(StatusRequestSchema)` to create a new message.
 */
const StatusRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 11)));
/**
 * Describes the message containerd.services.content.v1.StatusResponse.
 * Use `create(StatusResponseSchema)` to create a new message.
 */
const StatusResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_containerd_services_content_v1_content, 12);
/**
 * Describes the message containerd.services.content.v1.ListStatusesRequest.
 * Use `create(ListStatusesRequestSchema)` to create a new message.
 */
const ListStatusesRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 13)));
/**
 * Describes the message containerd.services.content.v1.ListStatusesResponse.
 * Use `create(ListStatusesResponseSchema)` to create a new message.
 */
const ListStatusesResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_containerd_services_content_v1_content, 14);
/**
 * Describes the message containerd.services.content.v1.WriteContentRequest.
 * Use `create(WriteContentRequestSchema)` to create a new message.
 */
const WriteContentRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 15)));
/**
 * Describes the message containerd.services.content.v1.WriteContentResponse.
 * Use `create(WriteContentResponseSchema)` to create a new message.
 */
const WriteContentResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_containerd_services_content_v1_content, 16);
/**
 * Describes the message containerd.services.content.v1.AbortRequest.
 * Use `create(AbortRequestSchema)` to create a new message.
 */
const AbortRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_containerd_services_content_v1_content, 17)));
/**
 * @generated from enum containerd.services.content.v1.WriteAction
 */
var WriteAction;
(function (WriteAction) {
    /**
     * @generated from enum value: STAT = 0;
     */
    WriteAction[WriteAction["STAT"] = 0] = "STAT";
    /**
     * @generated from enum value: WRITE = 1;
     */
    WriteAction[WriteAction["WRITE"] = 1] = "WRITE";
    /**
     * @generated from enum value: COMMIT = 2;
     */
    WriteAction[WriteAction["COMMIT"] = 2] = "COMMIT";
})(WriteAction || (WriteAction = {}));
/**
 * Describes the enum containerd.services.content.v1.WriteAction.
 */
const WriteActionSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (enumDesc(file_containerd_services_content_v1_content, 0)));
/**
 * @generated from service containerd.services.content.v1.Content
 */
const Content = /*@__PURE__*/ (0,service/* serviceDesc */.Z)(file_containerd_services_content_v1_content, 0);

;// CONCATENATED MODULE: ./build/buildkit/content-store/content-store-service.js







/** moby/buildkit v0.13 session/content/attachable.go `GRPCHeaderID`: the header that picks the store. */
const storeIdHeader = "buildkit-attachable-store-id";
/**
 * Read replies carry at most this much data each. containerd's server uses a 1 MiB buffer
 * (services/content/contentserver); it is far below the 16 MiB message limit and keeps memory flat.
 */
const readChunkBytes = 1 << 20;
/** ListContent replies carry this many entries each, as containerd's server does. */
const listBlockSize = 100;
function toGrpc(err) {
    if (err instanceof ContentStoreError)
        return { code: err.grpcCode, details: err.message };
    return { code: src/* status */.h5.UNKNOWN, details: (0,message_of/* messageOf */.b)(err) };
}
/**
 * The store the request names. grpc-js hands a repeated header over as one string joined with ", ": the Go
 * server uses the first value, so a joined value that is not itself a store ID is split.
 */
function choose(stores, metadata) {
    const raw = metadata.get(storeIdHeader).map(String)[0];
    if (raw === undefined) {
        throw new ContentStoreError(`request lacks metadata "${storeIdHeader}"`, src/* status */.h5.INVALID_ARGUMENT);
    }
    const store = stores.get(raw) ?? stores.get(raw.split(", ")[0] ?? "");
    if (!store)
        throw new ContentStoreError(`unknown store ${raw}`, src/* status */.h5.NOT_FOUND);
    return store;
}
/** A protobuf Timestamp from ms; file times have fractions of a millisecond, which Timestamp.nanos cannot take. */
const content_store_service_timestamp = (ms) => (0,timestamp/* timestampFromMs */.tp)(Math.floor(ms));
function infoMessage(b) {
    return (0,create/* create */.v)(InfoSchema, {
        digest: b.digest,
        size: BigInt(b.sizeBytes),
        createdAt: content_store_service_timestamp(b.createdMs),
        updatedAt: content_store_service_timestamp(b.updatedMs),
    });
}
function statusMessage(s) {
    return (0,create/* create */.v)(content_pb_StatusSchema, {
        ref: s.ref,
        offset: BigInt(s.offset),
        total: BigInt(s.total),
        expected: s.expected,
        startedAt: content_store_service_timestamp(s.startedMs),
        updatedAt: content_store_service_timestamp(s.updatedMs),
    });
}
function unary(stores, handle) {
    return (call, callback) => {
        Promise.resolve()
            .then(() => handle(choose(stores, call.metadata), call.request))
            .then((res) => callback(null, res), (err) => callback(toGrpc(err)));
    };
}
/** Resolves when the call can take more data, or when it is gone (then writing stops on the next check). */
function drained(call) {
    return new Promise((resolve) => {
        const done = () => {
            call.off("drain", done);
            call.off("cancelled", done);
            call.off("close", done);
            resolve();
        };
        call.on("drain", done);
        call.on("cancelled", done);
        call.on("close", done);
    });
}
async function serveRead(store, call) {
    const { digest, offset, size } = call.request;
    checkDigest(digest);
    let position = Math.max(0, Number(offset));
    const stream = await store.read(digest, position, Number(size), readChunkBytes);
    try {
        for await (const chunk of stream) {
            if (call.cancelled)
                return;
            const ok = call.write((0,create/* create */.v)(ReadContentResponseSchema, { offset: BigInt(position), data: chunk }));
            position += chunk.length;
            if (!ok)
                await drained(call);
        }
    }
    finally {
        stream.destroy();
    }
}
/**
 * One Write stream: the first message names the ref (and may announce size and digest), then STAT, WRITE and a
 * final COMMIT, each answered with the offset and digest so far, like containerd's contentserver. A stream that
 * ends without COMMIT leaves the ingest for a later stream with the same ref to resume.
 */
function serveWrite(stores, call) {
    let writer;
    let finished = false;
    let chain = Promise.resolve();
    const finish = (err) => {
        if (finished)
            return;
        finished = true;
        void writer?.release();
        if (err === undefined)
            call.end();
        else
            call.emit("error", toGrpc(err));
    };
    const handle = async (req) => {
        if (!writer) {
            if (req.ref === "") {
                throw new ContentStoreError("first message must have a reference", src/* status */.h5.INVALID_ARGUMENT);
            }
            writer = await choose(stores, call.metadata).openWriter(req.ref, {
                total: Number(req.total),
                expected: req.expected,
            });
        }
        if (req.expected !== "")
            checkDigest(req.expected);
        if (req.expected !== "" && (await writer.skipIfStored(req.expected))) {
            throw new ContentStoreError(`blob with expected digest ${req.expected} exists`, src/* status */.h5.ALREADY_EXISTS);
        }
        writer.announce(Number(req.total), req.expected);
        let reply;
        switch (req.action) {
            case WriteAction.STAT: {
                const s = writer.status();
                reply = (0,create/* create */.v)(WriteContentResponseSchema, {
                    action: req.action,
                    offset: BigInt(s.offset),
                    total: BigInt(s.total),
                    digest: s.digest,
                    startedAt: content_store_service_timestamp(s.startedMs),
                    updatedAt: content_store_service_timestamp(s.updatedMs),
                });
                break;
            }
            case WriteAction.WRITE:
            case WriteAction.COMMIT: {
                const offset = await writer.write(req.data, Number(req.offset));
                const digest = req.action === WriteAction.COMMIT
                    ? await writer.commit(Number(req.total), req.expected)
                    : writer.status().digest;
                reply = (0,create/* create */.v)(WriteContentResponseSchema, { action: req.action, offset: BigInt(offset), digest });
                break;
            }
            default:
                throw new ContentStoreError(`unknown write action ${String(req.action)}`, src/* status */.h5.INVALID_ARGUMENT);
        }
        call.write(reply);
        if (req.action === WriteAction.COMMIT)
            finish();
    };
    call.on("data", (req) => {
        call.pause();
        chain = chain
            .then(() => (finished ? undefined : handle(req)))
            .then(() => {
            if (!finished)
                call.resume();
        }, (err) => finish(err));
    });
    call.on("end", () => void chain.then(() => finish()));
    call.on("cancelled", () => {
        finished = true;
        void writer?.release();
    });
    call.on("error", () => {
        finished = true;
        void writer?.release();
    });
}
/**
 * Serves `containerd.services.content.v1.Content` on the session from the given stores, keyed by the ID the
 * daemon sends in `buildkit-attachable-store-id` ("local:<dir>" for type=local cache, with <dir> exactly as in the
 * cache entry's `src`/`dest`). Like moby/buildkit v0.13 session/content/attachable.go over containerd's
 * contentserver, with the local store's behaviour: Update is refused (no label store), List and ListStatuses
 * take no filters.
 */
function contentStores(stores) {
    return {
        register(server) {
            server.addService((0,grpc_service/* grpcService */.UL)(Content), {
                info: unary(stores, async (store, req) => {
                    checkDigest(req.digest);
                    return (0,create/* create */.v)(InfoResponseSchema, { info: infoMessage(await store.info(req.digest)) });
                }),
                update: unary(stores, () => {
                    throw new ContentStoreError("update not supported on immutable content store", src/* status */.h5.FAILED_PRECONDITION);
                }),
                list(call) {
                    (async () => {
                        const store = choose(stores, call.metadata);
                        if (call.request.filters.length > 0) {
                            throw new ContentStoreError("list filters are not supported", src/* status */.h5.INVALID_ARGUMENT);
                        }
                        const blobs = await store.list();
                        for (let i = 0; i < blobs.length; i += listBlockSize) {
                            const info = blobs.slice(i, i + listBlockSize).map(infoMessage);
                            if (!call.write((0,create/* create */.v)(ListContentResponseSchema, { info })))
                                await drained(call);
                        }
                    })().then(() => call.end(), (err) => call.emit("error", toGrpc(err)));
                },
                delete: unary(stores, async (store, req) => {
                    checkDigest(req.digest);
                    await store.delete(req.digest);
                    return (0,create/* create */.v)(empty_pb/* EmptySchema */.v);
                }),
                read(call) {
                    Promise.resolve()
                        .then(() => serveRead(choose(stores, call.metadata), call))
                        .then(() => call.end(), (err) => call.emit("error", toGrpc(err)));
                },
                status: unary(stores, (store, req) => (0,create/* create */.v)(StatusResponseSchema, { status: statusMessage(store.status(req.ref)) })),
                listStatuses: unary(stores, (store, req) => {
                    if (req.filters.length > 0) {
                        throw new ContentStoreError("status filters are not supported", src/* status */.h5.INVALID_ARGUMENT);
                    }
                    return (0,create/* create */.v)(ListStatusesResponseSchema, { statuses: store.listStatuses().map(statusMessage) });
                }),
                write(call) {
                    serveWrite(stores, call);
                },
                abort: unary(stores, async (store, req) => {
                    await store.abort(req.ref);
                    return (0,create/* create */.v)(empty_pb/* EmptySchema */.v);
                }),
            });
            return Content.methods.map(grpc_service/* methodPath */.Bp);
        },
    };
}

;// CONCATENATED MODULE: ./build/buildkit/content-store/oci-layout.js






/** image-spec annotations.md: the tag of an index.json entry (BuildKit client/ociindex keys entries by it). */
const refNameAnnotation = "org.opencontainers.image.ref.name";
const indexMediaType = "application/vnd.oci.image.index.v1+json";
/** Media types whose blobs are JSON that refers to further blobs. */
const parentMediaTypes = new Set([
    indexMediaType,
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v2+json",
]);
const readError = (what, cause) => new errors/* BuildkitError */.Ru(`failed to read ${what}: ${(0,message_of/* messageOf */.b)(cause)}`, errors/* Code */.Cy.InvalidArgument, { cause });
/** Reads `<dir>/index.json`; undefined when there is none. A file that is not an OCI index is an error. */
async function readOciIndex(dir) {
    const path = (0,external_node_path_.join)(dir, "index.json");
    let text;
    try {
        text = await (0,promises_.readFile)(path, "utf8");
    }
    catch (err) {
        if (err.code === "ENOENT")
            return undefined;
        throw readError(path, err);
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        throw readError(path, err);
    }
    const index = parsed;
    if (typeof index !== "object" ||
        index === null ||
        (index.manifests !== undefined && !Array.isArray(index.manifests))) {
        throw readError(path, new Error("not an OCI image index"));
    }
    return { ...index, schemaVersion: index.schemaVersion ?? 2, manifests: index.manifests ?? [] };
}
/** The entry tagged `tag` (annotation org.opencontainers.image.ref.name), as BuildKit's ociindex `Get`. */
function findTagged(index, tag) {
    return index.manifests.find((m) => m.annotations?.[refNameAnnotation] === tag);
}
/** Writes a file by renaming a sibling temporary file over it, so readers never see half of it. */
async function writeAtomically(path, text) {
    const tmp = `${path}.${(0,external_node_crypto_.randomBytes)(6).toString("hex")}.tmp`;
    await (0,promises_.writeFile)(tmp, text, { mode: 0o644 });
    try {
        await (0,promises_.rename)(tmp, path);
    }
    catch (err) {
        await (0,promises_.rm)(tmp, { force: true });
        throw err;
    }
}
/**
 * Records `desc` in `<dir>/index.json` under `tag`, replacing every entry with that tag, and writes `oci-layout`,
 * as BuildKit's client/ociindex `Put` does after a local cache export. Entries with other tags stay.
 */
async function putTagged(dir, desc, tag) {
    const old = await readOciIndex(dir);
    const entry = { ...desc, annotations: { ...desc.annotations, [refNameAnnotation]: tag } };
    const index = {
        ...old,
        schemaVersion: old?.schemaVersion ?? 2,
        mediaType: old?.mediaType ?? indexMediaType,
        manifests: [...(old?.manifests ?? []).filter((m) => m.annotations?.[refNameAnnotation] !== tag), entry],
    };
    await writeAtomically((0,external_node_path_.join)(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
    await writeAtomically((0,external_node_path_.join)(dir, "index.json"), JSON.stringify(index));
    return index;
}
function childrenOf(json) {
    if (typeof json !== "object" || json === null)
        return [];
    const doc = json;
    const out = [];
    for (const key of ["manifests", "layers", "blobs"])
        if (Array.isArray(doc[key]))
            out.push(...doc[key]);
    for (const key of ["config", "subject"])
        if (doc[key] !== undefined)
            out.push(doc[key]);
    return out.filter((d) => typeof d === "object" && d !== null && typeof d.digest === "string");
}
/**
 * Every digest reachable from the index's entries: indexes and manifests are read and followed (manifests,
 * config, layers, blobs, subject), other blobs are leaves. A referenced blob that is absent is still listed; a
 * present index or manifest that cannot be parsed is an error, because what it refers to cannot be known.
 */
async function reachableBlobs(dir, index) {
    const seen = new Set();
    const pending = [...index.manifests];
    for (let d = pending.pop(); d !== undefined; d = pending.pop()) {
        if (seen.has(d.digest))
            continue;
        seen.add(d.digest);
        if (d.mediaType !== undefined && !parentMediaTypes.has(d.mediaType))
            continue;
        let text;
        try {
            text = await (0,promises_.readFile)(blobPath(dir, d.digest), "utf8");
        }
        catch {
            continue;
        }
        let json;
        try {
            json = JSON.parse(text);
        }
        catch (err) {
            // A descriptor without a media type may point at anything; one that says it is a manifest must parse.
            if (d.mediaType === undefined)
                continue;
            throw readError(`${d.mediaType} ${d.digest} in ${dir}`, err);
        }
        pending.push(...childrenOf(json));
    }
    return seen;
}
/**
 * Deletes every blob under `<dir>/blobs/` that `index.json` does not reach, so a directory that receives one
 * cache export after another holds only what its tags refer to (BuildKit's `reset=true`, client/solve.go
 * `resetCacheStore`, made the default). Also removes `ingest/` when it is empty. Without an index.json nothing is
 * deleted.
 */
async function collectGarbage(dir) {
    const index = await readOciIndex(dir);
    if (!index)
        return { removedBlobs: 0, freedBytes: 0 };
    const keep = await reachableBlobs(dir, index);
    let removedBlobs = 0;
    let freedBytes = 0;
    for (const algorithm of ["sha256", "sha384", "sha512"]) {
        const names = await (0,promises_.readdir)((0,external_node_path_.join)(dir, "blobs", algorithm)).catch(() => []);
        for (const name of names) {
            // Only files named like digests: anything else under blobs/ is not this layout's to delete.
            if (!isDigest(`${algorithm}:${name}`) || keep.has(`${algorithm}:${name}`))
                continue;
            const path = (0,external_node_path_.join)(dir, "blobs", algorithm, name);
            const st = await (0,promises_.stat)(path).catch(() => undefined);
            if (!st?.isFile())
                continue;
            await (0,promises_.rm)(path, { force: true });
            removedBlobs++;
            freedBytes += st.size;
        }
    }
    await (0,promises_.rmdir)((0,external_node_path_.join)(dir, "ingest")).catch(() => { });
    return { removedBlobs, freedBytes };
}

;// CONCATENATED MODULE: ./build/buildkit/content-store/oci-layout-cache.js





// moby/buildkit v0.13 cache/remotecache/local/local.go: the store ID is this prefix plus `src`/`dest` verbatim.
const storeIdPrefix = "local:";
// moby/buildkit v0.13 cache/remotecache/export.go `ExporterResponseManifestDesc`: the exported cache manifest's
// descriptor (JSON) in the solve response. Every cache exporter writes this key; the last one wins.
const cacheManifestKey = "cache.manifest";
// moby/buildkit v0.13 cache/remotecache/v1/spec.go `CacheConfigMediaTypeV0`.
const cacheConfigMediaType = "application/vnd.buildkit.cacheconfig.v0";
const defaultTag = "latest";
const isLocal = (e) => e.type === "local";
/**
 * Prepares `type=local` cache entries the way BuildKit's Go client does (client/solve.go `parseCacheOptions`):
 * each `dest` (created if missing) and `src` directory is an OCI layout served to the daemon as the content store
 * `local:<dir>`; an import without `digest` gets the digest of index.json's entry tagged `tag` (default "latest").
 * Unlike the Go client, an import whose directory, index.json or tag is missing is left out with a note instead
 * of failing the build: a cache miss must never cost more than the rebuild.
 */
async function openOciLayoutCache(imports, exports) {
    const stores = new Map();
    const storeFor = (dir) => {
        const id = storeIdPrefix + dir;
        let store = stores.get(id);
        if (!store)
            stores.set(id, (store = new LocalContentStore(dir)));
        return store;
    };
    const targets = [];
    for (const e of exports.filter(isLocal)) {
        const dir = e.attrs["dest"];
        if (!dir)
            throw new errors/* BuildkitError */.Ru("local cache exporter requires dest", errors/* Code */.Cy.InvalidArgument);
        await (0,promises_.mkdir)(dir, { recursive: true }).catch((cause) => {
            throw new errors/* BuildkitError */.Ru(`failed to create the local cache directory ${dir}`, errors/* Code */.Cy.InvalidArgument, { cause });
        });
        targets.push({ dir, tag: e.attrs["tag"] ?? defaultTag, store: storeFor(dir) });
    }
    const notes = [];
    const cacheImports = [];
    for (const e of imports) {
        if (!isLocal(e)) {
            cacheImports.push(e);
            continue;
        }
        const dir = e.attrs["src"];
        if (!dir)
            throw new errors/* BuildkitError */.Ru("local cache importer requires src", errors/* Code */.Cy.InvalidArgument);
        let digest = e.attrs["digest"] ?? "";
        if (digest === "") {
            const tag = e.attrs["tag"] ?? defaultTag;
            const index = await readOciIndex(dir);
            const entry = index && findTagged(index, tag);
            if (!entry) {
                notes.push(index
                    ? `local cache ${dir} has no entry tagged "${tag}" in index.json; not importing it`
                    : `local cache ${dir} holds no cache yet (no index.json); not importing it`);
                continue;
            }
            digest = entry.digest;
        }
        storeFor(dir);
        cacheImports.push({ type: e.type, attrs: { ...e.attrs, digest } });
    }
    return {
        cacheImports,
        cacheExports: exports,
        attachables: stores.size > 0 ? [contentStores(stores)] : [],
        notes,
        async finish(exporterResponse) {
            const raw = exporterResponse[cacheManifestKey];
            if (raw === undefined || targets.length === 0)
                return [];
            let reported;
            try {
                reported = JSON.parse(raw);
            }
            catch {
                reported = undefined; // then found among the blobs written, below
            }
            const done = [];
            for (const { dir, tag, store } of targets) {
                const manifest = await manifestIn(store, reported);
                // No manifest here: this export failed with ignore-error=true, or was skipped for an empty result.
                if (!manifest)
                    continue;
                try {
                    await putTagged(dir, manifest, tag);
                    done.push({ dir, tag, manifest, ...(await collectGarbage(dir)) });
                }
                catch (cause) {
                    if (cause instanceof errors/* BuildkitError */.Ru)
                        throw cause;
                    throw new errors/* BuildkitError */.Ru(`failed to update the local cache index ${dir}/index.json`, errors/* Code */.Cy.Internal, { cause });
                }
            }
            return done;
        },
        async close() {
            await Promise.all([...stores.values()].map((s) => s.close()));
        },
    };
}
/**
 * The cache manifest this solve exported into `store`. Usually the one the response names; but the response holds
 * only the last cache exporter's manifest, so with several exports (local plus registry, or two local ones with
 * different modes) the right one is found among the blobs the daemon wrote here: the index or manifest that
 * refers to a BuildKit cache config.
 */
async function manifestIn(store, reported) {
    const pick = ({ mediaType, digest, size }) => ({
        ...(mediaType === undefined ? {} : { mediaType }),
        digest,
        size,
    });
    if (reported && store.touched.has(reported.digest))
        return pick(reported);
    for (const digest of store.touched) {
        const path = blobPath(store.root, digest);
        const st = await (0,promises_.stat)(path).catch(() => undefined);
        // Cache manifests are small JSON; layers are not worth opening.
        if (!st || st.size > 4 << 20)
            continue;
        let doc;
        try {
            doc = JSON.parse(await (0,promises_.readFile)(path, "utf8"));
        }
        catch {
            continue;
        }
        const refersToCacheConfig = doc.config?.mediaType === cacheConfigMediaType ||
            (Array.isArray(doc.manifests) && doc.manifests.some((m) => m.mediaType === cacheConfigMediaType));
        if (refersToCacheConfig && typeof doc.mediaType === "string") {
            return { mediaType: doc.mediaType, digest, size: st.size };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./build/buildkit/liveness.js
/**
 * How a running solve checks the daemon still answers. A frozen daemon (SIGSTOP, a cut network) keeps the TCP or
 * unix connection open and simply stops replying, so neither Solve nor Status ever ends; an Info call with a short
 * deadline is answered in milliseconds by a daemon that is merely busy.
 */
const LIVENESS = Object.freeze({
    probeEveryMs: 10_000,
    probeTimeoutMs: 10_000,
    /** Without any answer (probe or status) for this long the solve fails. Well under two minutes in all. */
    silentLimitMs: 60_000,
    /**
     * A manifest push (a few KiB) with no progress for this long: the registry took the request and never answered.
     * BuildKit's registry client has no response timeout, so without this the push waits forever.
     */
    manifestPushLimitMs: 60_000,
});
/**
 * Watches a solve: `probe` runs every `probeEveryMs` (one at a time); a probe that resolves or a status batch counts
 * as an answer. After `silentLimitMs` without one, `onSilent` is called once with the silence and the step that was
 * running. `stop()` ends the watch.
 */
class LivenessWatch {
    #lastAnswer = Date.now();
    #probing = false;
    #lastProbe = Date.now();
    #stopped = false;
    #timer;
    /** Vertex digest -> name, for those started and not completed: the last one started is "the step". */
    #running = new Map();
    constructor(probe, onSilent, settings = LIVENESS, onPushStalled = () => { }) {
        this.#timer = setInterval(() => {
            if (this.#stopped)
                return;
            const now = Date.now();
            const silent = now - this.#lastAnswer;
            if (silent >= settings.silentLimitMs) {
                this.stop();
                onSilent(silent, this.step);
                return;
            }
            const push = [...this.#pushes.values()][0];
            if (push && now - push.since >= settings.manifestPushLimitMs) {
                this.stop();
                onPushStalled(now - push.since, push.name);
                return;
            }
            if (this.#probing || Date.now() - this.#lastProbe < settings.probeEveryMs)
                return;
            this.#probing = true;
            this.#lastProbe = Date.now();
            probe(settings.probeTimeoutMs).then(() => {
                this.#probing = false;
                this.#lastAnswer = Date.now();
            }, () => (this.#probing = false));
            // Ticks every second so the limit is noticed on time, whatever the probe interval.
        }, 1_000);
        this.#timer.unref();
    }
    /** Manifest pushes under way: status item id -> the reference pushed, since when. */
    #pushes = new Map();
    /** A status batch: the daemon is alive, and which step runs now. */
    saw(status) {
        const now = Date.now();
        this.#lastAnswer = now;
        for (const p of status.statuses) {
            // BuildKit's one-off items carry their text as the ID ("pushing manifest for <ref>@<digest>").
            const text = p.name || p.id;
            if (!text.startsWith("pushing manifest for "))
                continue;
            if (p.completedMs !== undefined)
                this.#pushes.delete(p.id);
            else if (!this.#pushes.has(p.id))
                this.#pushes.set(p.id, { name: text.slice("pushing manifest for ".length), since: now });
        }
        for (const v of status.vertexes) {
            if (v.startedMs !== undefined && v.completedMs === undefined) {
                this.#running.delete(v.digest);
                this.#running.set(v.digest, v.name);
            }
            else if (v.completedMs !== undefined)
                this.#running.delete(v.digest);
        }
    }
    get step() {
        const names = [...this.#running.values()];
        return names.length > 0 ? `"${names[names.length - 1]}"` : "the solve";
    }
    stop() {
        this.#stopped = true;
        clearInterval(this.#timer);
    }
}

// EXTERNAL MODULE: ./build/buildkit/transport/endpoint.js
var endpoint = __webpack_require__(9158);
;// CONCATENATED MODULE: ./build/buildkit/solve/run-solve.js













// The solve itself: Session, Solve, Status and the liveness watch. BuildkitClient loads this module (and with it
// the session, file sync and request builders) on demand; openBuilder starts loading it while the daemon answers
// the first calls (BuildkitClient.prepareSolve).
const defaults = Object.freeze({
    /** The daemon closes Status right after the job; this only bounds a daemon that does not. */
    statusGraceMs: 5_000,
});
/**
 * With `gateway`, the solve is a client-side build (BuildKit Go client's Build): Control.Solve goes out with no
 * frontend, and `gateway` drives the frontend through LLBBridge meanwhile; the build ends when it calls Return.
 */
async function runSolve(channel, options, callOptions, gateway) {
    const group = new AbortController();
    const outer = callOptions.signal;
    const onOuterAbort = () => group.abort(outer?.reason);
    if (outer?.aborted)
        throw new errors/* BuildkitError */.Ru("solve canceled before it started", errors/* Code */.Cy.Canceled);
    outer?.addEventListener("abort", onOuterAbort, { once: true });
    // type=local cache: the client serves each OCI layout directory as a session content store and records the
    // exported cache manifest in its index.json afterwards (oci-layout-cache.ts; moby/buildkit client/solve.go).
    const localCache = await openOciLayoutCache(options.cacheImports, options.cacheExports).catch((err) => {
        outer?.removeEventListener("abort", onOuterAbort);
        throw err;
    });
    for (const note of localCache.notes)
        callOptions.onNote?.(note);
    const ref = newId();
    const exportsToClient = options.exporters.flatMap((e, index) => ("dest" in e ? [{ index, exporter: e }] : []));
    const session = new Session({
        ...(options.sharedKey !== undefined ? { sharedKey: options.sharedKey } : {}),
        attachables: [
            fileSync(options.localDirs, callOptions.onFileSync),
            ...(exportsToClient.length > 0 ? [fileSend(exportsToClient)] : []),
            ...localCache.attachables,
            ...(options.attachables ?? []),
        ],
    });
    // Solve goes out while the session is still connecting, as buildx runs them side by side: BuildKit waits up to
    // 5 s for a session ID to appear (session/manager.go Get). A session that cannot connect cancels the solve and
    // is the error reported.
    let sessionFailure;
    const connecting = session.connect(channel, group.signal).catch((err) => {
        // Connecting fails on its own after a cancel too; that is reported as the cancel.
        if (!group.signal.aborted) {
            sessionFailure = err;
            group.abort(err);
        }
        return undefined;
    });
    // A daemon that stops answering fails the solve within LIVENESS.silentLimitMs instead of hanging the job.
    let livenessFailure;
    const watch = new LivenessWatch((timeoutMs) => channel.unary("info", {}, { timeoutMs, signal: group.signal }), (silentMs, step) => {
        livenessFailure = new errors/* BuildkitError */.Ru(`BuildKit at ${(0,endpoint/* describeEndpoint */.N)(channel.endpoint)} stopped answering for ${Math.round(silentMs / 1000)} s during ${step}`, errors/* Code */.Cy.Unavailable);
        group.abort(livenessFailure);
    }, callOptions.liveness ?? LIVENESS, (stalledMs, pushed) => {
        livenessFailure = new errors/* BuildkitError */.Ru(`registry ${pushed.split("/")[0]} did not answer the manifest push for ${pushed} within ${Math.round(stalledMs / 1000)} s`, errors/* Code */.Cy.Unavailable);
        group.abort(livenessFailure);
    });
    const onStatus = (s) => {
        watch.saw(s);
        callOptions.onStatus?.(s);
    };
    let gatewayFailure;
    const statusAbort = new AbortController();
    const statusDone = followStatus(channel, ref, onStatus, statusAbort.signal);
    try {
        const request = toSolveRequest({ ...options, cacheImports: localCache.cacheImports }, ref, session.id);
        if (gateway !== undefined)
            request.Frontend = "";
        const solving = channel.unary("solve", request, { signal: group.signal });
        const response = gateway === undefined
            ? await solving
            : (await Promise.all([
                solving,
                gateway(ref, group.signal).catch((err) => {
                    // The daemon holds the build open until Return: a failed gateway call must cancel it.
                    if (!group.signal.aborted) {
                        gatewayFailure = err;
                        group.abort(err);
                    }
                    throw err;
                }),
            ]))[0];
        await settleStatus(statusDone, statusAbort, callOptions.statusGraceMs ?? defaults.statusGraceMs);
        const localCacheExports = await localCache.finish(response.ExporterResponse);
        return {
            ref,
            exporterResponse: { ...response.ExporterResponse },
            ...(localCacheExports.length > 0 ? { localCacheExports } : {}),
        };
    }
    catch (err) {
        await settleStatus(statusDone, statusAbort, 1_000);
        if (livenessFailure !== undefined)
            throw livenessFailure;
        if (sessionFailure !== undefined)
            throw sessionFailure;
        if (gatewayFailure !== undefined)
            throw solveError(channel, gatewayFailure);
        if (group.signal.aborted) {
            throw new errors/* BuildkitError */.Ru("solve canceled", errors/* Code */.Cy.Canceled, { cause: group.signal.reason });
        }
        throw solveError(channel, err);
    }
    finally {
        watch.stop();
        outer?.removeEventListener("abort", onOuterAbort);
        group.abort();
        (await connecting)?.close();
        await localCache.close();
    }
}
async function followStatus(channel, ref, onStatus, signal) {
    const call = await channel.serverStream("status", { Ref: ref }, { signal });
    return new Promise((resolve) => {
        call.on("data", (r) => onStatus?.(toSolveStatus(r)));
        // A Status failure never fails the build: Solve's result is what counts.
        call.on("error", () => resolve());
        call.on("end", () => resolve());
    });
}
async function settleStatus(done, abort, graceMs) {
    let timer;
    await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    abort.abort();
}
function solveError(channel, err) {
    const se = err;
    if (se.code === src/* status */.h5.UNAVAILABLE || err instanceof errors/* BuildkitError */.Ru)
        return channel.wrap("solve", err);
    const source = sourceLocationOf(se);
    const details = se.details || (0,message_of/* messageOf */.b)(err);
    // The daemon's message is kept whole, behind the prefix buildx prints: alone, a message such as "not found"
    // does not say that the build is what failed.
    const message = details.startsWith("failed to solve") ? details : `failed to solve: ${details}`;
    const { code } = channel.wrap("solve", err);
    return new errors/* BuildkitError */.Ru(message, code, { cause: err, ...(source ? { source } : {}) });
}


/***/ })

};
