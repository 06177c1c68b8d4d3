export const id = 799;
export const ids = [799];
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

/***/ 799:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  auth: () => (/* reexport */ auth),
  secrets: () => (/* reexport */ secrets),
  sshAgents: () => (/* reexport */ sshAgents)
});

// EXTERNAL MODULE: ./node_modules/@grpc/grpc-js/build/src/index.js
var src = __webpack_require__(3033);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/create.js + 1 modules
var create = __webpack_require__(9838);
// EXTERNAL MODULE: ./build/buildkit/gen/moby/filesync/v1/filesync_pb.js
var filesync_pb = __webpack_require__(5916);
// EXTERNAL MODULE: ./build/buildkit/grpc-service.js
var grpc_service = __webpack_require__(1175);
// EXTERNAL MODULE: ./build/shared/message-of.js
var message_of = __webpack_require__(9677);
;// CONCATENATED MODULE: ./build/buildkit/session/auth.js





/**
 * Serves registry credentials to the daemon. Only Credentials is implemented: for a Bearer challenge the daemon
 * then fetches the token itself (moby/buildkit util/resolver/authorizer.go falls back on UNIMPLEMENTED from
 * GetTokenAuthority), which keeps token handling out of the client.
 */
function auth(provider) {
    return {
        register(server) {
            const unimplemented = (_call, callback) => callback({ code: src/* status */.h5.UNIMPLEMENTED, details: "client-side tokens are not offered" });
            server.addService((0,grpc_service/* grpcService */.UL)(filesync_pb/* Auth */.Nj), {
                credentials(call, callback) {
                    provider(call.request.Host).then((found) => callback(null, (0,create/* create */.v)(filesync_pb/* CredentialsResponseSchema */.xe, found ? { Username: found.username, Secret: found.secret } : {})), (err) => callback({
                        code: src/* status */.h5.INTERNAL,
                        details: `failed to look up credentials for ${call.request.Host}: ${(0,message_of/* messageOf */.b)(err)}`,
                    }));
                },
                fetchToken: unimplemented,
                getTokenAuthority: unimplemented,
                verifyTokenAuthority: unimplemented,
            });
            return filesync_pb/* Auth */.Nj.methods.map(grpc_service/* methodPath */.Bp);
        },
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/file.js + 8 modules
var file = __webpack_require__(2987);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/message.js
var message = __webpack_require__(104);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/service.js
var service = __webpack_require__(652);
;// CONCATENATED MODULE: ./build/buildkit/gen/moby/buildkit/secrets/v1/secrets_pb.js
// moby/buildkit session/secrets/secrets.proto

/**
 * Describes the file moby/buildkit/secrets/v1/secrets.proto.
 */
const file_moby_buildkit_secrets_v1_secrets = /*@__PURE__*/ (0,file/* fileDesc */.w)("CiZtb2J5L2J1aWxka2l0L3NlY3JldHMvdjEvc2VjcmV0cy5wcm90bxIYbW9ieS5idWlsZGtpdC5zZWNyZXRzLnYxIqQBChBHZXRTZWNyZXRSZXF1ZXN0EgoKAklEGAEgASgJElAKC2Fubm90YXRpb25zGAIgAygLMjsubW9ieS5idWlsZGtpdC5zZWNyZXRzLnYxLkdldFNlY3JldFJlcXVlc3QuQW5ub3RhdGlvbnNFbnRyeRoyChBBbm5vdGF0aW9uc0VudHJ5EgsKA2tleRgBIAEoCRINCgV2YWx1ZRgCIAEoCToCOAEiIQoRR2V0U2VjcmV0UmVzcG9uc2USDAoEZGF0YRgBIAEoDDJvCgdTZWNyZXRzEmQKCUdldFNlY3JldBIqLm1vYnkuYnVpbGRraXQuc2VjcmV0cy52MS5HZXRTZWNyZXRSZXF1ZXN0GisubW9ieS5idWlsZGtpdC5zZWNyZXRzLnYxLkdldFNlY3JldFJlc3BvbnNlYgZwcm90bzM");
/**
 * Describes the message moby.buildkit.secrets.v1.GetSecretRequest.
 * Use `create(GetSecretRequestSchema)` to create a new message.
 */
const GetSecretRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_secrets_v1_secrets, 0)));
/**
 * Describes the message moby.buildkit.secrets.v1.GetSecretResponse.
 * Use `create(GetSecretResponseSchema)` to create a new message.
 */
const GetSecretResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_moby_buildkit_secrets_v1_secrets, 1);
/**
 * @generated from service moby.buildkit.secrets.v1.Secrets
 */
const Secrets = /*@__PURE__*/ (0,service/* serviceDesc */.Z)(file_moby_buildkit_secrets_v1_secrets, 0);

;// CONCATENATED MODULE: ./build/buildkit/session/secrets.js





async function load(source) {
    switch (source.kind) {
        case "value":
            return typeof source.value === "string" ? Buffer.from(source.value, "utf8") : source.value;
        case "file":
            return (0,promises_.readFile)(source.path);
        case "env": {
            const value = source.env[source.name];
            return value === undefined ? undefined : Buffer.from(value, "utf8");
        }
    }
}
/**
 * Serves `RUN --mount=type=secret` requests. An unknown ID answers NOT_FOUND, which the daemon reports as
 * "secret not found" (moby/buildkit session/secrets/secrets.go).
 */
function secrets(sources) {
    return {
        register(server) {
            server.addService((0,grpc_service/* grpcService */.UL)(Secrets), {
                getSecret(call, callback) {
                    const source = sources.get(call.request.ID);
                    const notFound = { code: src/* status */.h5.NOT_FOUND, details: `secret ${call.request.ID} not found` };
                    if (!source)
                        return callback(notFound);
                    load(source).then((data) => (data ? callback(null, (0,create/* create */.v)(GetSecretResponseSchema, { data })) : callback(notFound)), 
                    // The message names the secret, never its value.
                    () => callback({ code: src/* status */.h5.NOT_FOUND, details: `secret ${call.request.ID} could not be read` }));
                },
            });
            return Secrets.methods.map(grpc_service/* methodPath */.Bp);
        },
    };
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./build/buildkit/gen/moby/sshforward/v1/ssh_pb.js
// moby/buildkit session/sshforward/ssh.proto

/**
 * Describes the file moby/sshforward/v1/ssh.proto.
 */
const file_moby_sshforward_v1_ssh = /*@__PURE__*/ (0,file/* fileDesc */.w)("Chxtb2J5L3NzaGZvcndhcmQvdjEvc3NoLnByb3RvEhJtb2J5LnNzaGZvcndhcmQudjEiHAoMQnl0ZXNNZXNzYWdlEgwKBGRhdGEYASABKAwiHwoRQ2hlY2tBZ2VudFJlcXVlc3QSCgoCSUQYASABKAkiFAoSQ2hlY2tBZ2VudFJlc3BvbnNlMroBCgNTU0gSWwoKQ2hlY2tBZ2VudBIlLm1vYnkuc3NoZm9yd2FyZC52MS5DaGVja0FnZW50UmVxdWVzdBomLm1vYnkuc3NoZm9yd2FyZC52MS5DaGVja0FnZW50UmVzcG9uc2USVgoMRm9yd2FyZEFnZW50EiAubW9ieS5zc2hmb3J3YXJkLnYxLkJ5dGVzTWVzc2FnZRogLm1vYnkuc3NoZm9yd2FyZC52MS5CeXRlc01lc3NhZ2UoATABYgZwcm90bzM");
/**
 * Describes the message moby.sshforward.v1.BytesMessage.
 * Use `create(BytesMessageSchema)` to create a new message.
 */
const BytesMessageSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_moby_sshforward_v1_ssh, 0);
/**
 * Describes the message moby.sshforward.v1.CheckAgentRequest.
 * Use `create(CheckAgentRequestSchema)` to create a new message.
 */
const CheckAgentRequestSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_sshforward_v1_ssh, 1)));
/**
 * Describes the message moby.sshforward.v1.CheckAgentResponse.
 * Use `create(CheckAgentResponseSchema)` to create a new message.
 */
const CheckAgentResponseSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_moby_sshforward_v1_ssh, 2);
/**
 * @generated from service moby.sshforward.v1.SSH
 */
const SSH = /*@__PURE__*/ (0,service/* serviceDesc */.Z)(file_moby_sshforward_v1_ssh, 0);

;// CONCATENATED MODULE: ./build/buildkit/session/ssh-forward.js





// moby/buildkit v0.13 session/sshforward/ssh.go: the forwarded ID travels in this metadata key; an empty ID
// means "default" (sshforward.DefaultID).
const keySshId = "buildkit.ssh.id";
const defaultId = "default";
/**
 * Forwards `RUN --mount=type=ssh` to SSH agent sockets on the client, by ID. Each ForwardAgent call is one
 * connection to the agent, its bytes carried in BytesMessages both ways.
 */
function sshAgents(sockets) {
    return {
        register(server) {
            server.addService((0,grpc_service/* grpcService */.UL)(SSH), {
                checkAgent(call, callback) {
                    const id = call.request.ID || defaultId;
                    if (sockets.has(id))
                        callback(null, (0,create/* create */.v)(CheckAgentResponseSchema));
                    else
                        callback({ code: src/* status */.h5.NOT_FOUND, details: `unset ssh forward key ${id}` });
                },
                forwardAgent(call) {
                    const id = String(call.metadata.get(keySshId)[0] ?? "") || defaultId;
                    const path = sockets.get(id);
                    if (path === undefined) {
                        call.emit("error", { code: src/* status */.h5.NOT_FOUND, details: `unset ssh forward key ${id}` });
                        return;
                    }
                    const agent = (0,external_node_net_.createConnection)(path);
                    agent.on("data", (chunk) => {
                        if (!call.write((0,create/* create */.v)(BytesMessageSchema, { data: chunk })))
                            agent.pause();
                    });
                    call.on("drain", () => agent.resume());
                    call.on("data", (m) => agent.write(m.data));
                    call.on("end", () => agent.end());
                    call.on("error", () => agent.destroy());
                    call.on("cancelled", () => agent.destroy());
                    agent.on("end", () => call.end());
                    agent.on("error", (err) => call.emit("error", { code: src/* status */.h5.UNAVAILABLE, details: `ssh agent ${id}: ${err.message}` }));
                },
            });
            return SSH.methods.map(grpc_service/* methodPath */.Bp);
        },
    };
}

;// CONCATENATED MODULE: ./build/buildkit/session/services.js
// The session services a build chooses (registry auth, secrets, SSH agents) in one module, loaded with the solve's
// modules (BuildkitClient.prepareSolve) rather than at start-up: their protobuf descriptors are not needed before.





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


/***/ })

};
