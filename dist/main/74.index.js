export const id = 74;
export const ids = [74];
export const modules = {

/***/ 62074:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BUILD_ID_METADATA_KEY: () => (/* binding */ BUILD_ID_METADATA_KEY),
  frontendSubrequest: () => (/* binding */ frontendSubrequest)
});

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/create.js + 1 modules
var create = __webpack_require__(39838);
// EXTERNAL MODULE: ./node_modules/@grpc/grpc-js/build/src/index.js
var src = __webpack_require__(83033);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/file.js + 8 modules
var file = __webpack_require__(22987);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/message.js
var message = __webpack_require__(70104);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/codegenv2/service.js
var service = __webpack_require__(20652);
;// CONCATENATED MODULE: ./build/buildkit/gen/moby/buildkit/v1/frontend/gateway_pb.js
// A subset of BuildKit's LLBBridge (frontend gateway) API: only what a client-side build needs to run one frontend
// subrequest (`frontend.lint` for `call: check`) and end the build. Field numbers from moby/buildkit
// frontend/gateway/pb/gateway.proto (v0.26.3). The package and service names travel on the wire
// (/moby.buildkit.v1.frontend.LLBBridge/<Method>); message names do not.

/**
 * Describes the file moby/buildkit/v1/frontend/gateway.proto.
 */
const file_moby_buildkit_v1_frontend_gateway = /*@__PURE__*/ (0,file/* fileDesc */.w)("Cidtb2J5L2J1aWxka2l0L3YxL2Zyb250ZW5kL2dhdGV3YXkucHJvdG8SGW1vYnkuYnVpbGRraXQudjEuZnJvbnRlbmQifAoGUmVzdWx0EkEKCG1ldGFkYXRhGAogAygLMi8ubW9ieS5idWlsZGtpdC52MS5mcm9udGVuZC5SZXN1bHQuTWV0YWRhdGFFbnRyeRovCg1NZXRhZGF0YUVudHJ5EgsKA2tleRgBIAEoCRINCgV2YWx1ZRgCIAEoDDoCOAEiQgoNUmV0dXJuUmVxdWVzdBIxCgZyZXN1bHQYASABKAsyIS5tb2J5LmJ1aWxka2l0LnYxLmZyb250ZW5kLlJlc3VsdCIQCg5SZXR1cm5SZXNwb25zZSLbAQoMU29sdmVSZXF1ZXN0EhAKCEZyb250ZW5kGAIgASgJEk0KC0Zyb250ZW5kT3B0GAMgAygLMjgubW9ieS5idWlsZGtpdC52MS5mcm9udGVuZC5Tb2x2ZVJlcXVlc3QuRnJvbnRlbmRPcHRFbnRyeRIZChFhbGxvd1Jlc3VsdFJldHVybhgFIAEoCBIbChNhbGxvd1Jlc3VsdEFycmF5UmVmGAYgASgIGjIKEEZyb250ZW5kT3B0RW50cnkSCwoDa2V5GAEgASgJEg0KBXZhbHVlGAIgASgJOgI4ASJCCg1Tb2x2ZVJlc3BvbnNlEjEKBnJlc3VsdBgDIAEoCzIhLm1vYnkuYnVpbGRraXQudjEuZnJvbnRlbmQuUmVzdWx0Ig0KC1BpbmdSZXF1ZXN0Ig4KDFBvbmdSZXNwb25zZTKfAgoJTExCQnJpZGdlEloKBVNvbHZlEicubW9ieS5idWlsZGtpdC52MS5mcm9udGVuZC5Tb2x2ZVJlcXVlc3QaKC5tb2J5LmJ1aWxka2l0LnYxLmZyb250ZW5kLlNvbHZlUmVzcG9uc2USVwoEUGluZxImLm1vYnkuYnVpbGRraXQudjEuZnJvbnRlbmQuUGluZ1JlcXVlc3QaJy5tb2J5LmJ1aWxka2l0LnYxLmZyb250ZW5kLlBvbmdSZXNwb25zZRJdCgZSZXR1cm4SKC5tb2J5LmJ1aWxka2l0LnYxLmZyb250ZW5kLlJldHVyblJlcXVlc3QaKS5tb2J5LmJ1aWxka2l0LnYxLmZyb250ZW5kLlJldHVyblJlc3BvbnNlYgZwcm90bzM");
/**
 * Describes the message moby.buildkit.v1.frontend.Result.
 * Use `create(ResultSchema)` to create a new message.
 */
const ResultSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_frontend_gateway, 0)));
/**
 * Describes the message moby.buildkit.v1.frontend.ReturnRequest.
 * Use `create(ReturnRequestSchema)` to create a new message.
 */
const ReturnRequestSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_moby_buildkit_v1_frontend_gateway, 1);
/**
 * Describes the message moby.buildkit.v1.frontend.ReturnResponse.
 * Use `create(ReturnResponseSchema)` to create a new message.
 */
const ReturnResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_frontend_gateway, 2)));
/**
 * Describes the message moby.buildkit.v1.frontend.SolveRequest.
 * Use `create(SolveRequestSchema)` to create a new message.
 */
const SolveRequestSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_moby_buildkit_v1_frontend_gateway, 3);
/**
 * Describes the message moby.buildkit.v1.frontend.SolveResponse.
 * Use `create(SolveResponseSchema)` to create a new message.
 */
const SolveResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_frontend_gateway, 4)));
/**
 * Describes the message moby.buildkit.v1.frontend.PingRequest.
 * Use `create(PingRequestSchema)` to create a new message.
 */
const PingRequestSchema = /*@__PURE__*/ (0,message/* messageDesc */.Z)(file_moby_buildkit_v1_frontend_gateway, 5);
/**
 * Describes the message moby.buildkit.v1.frontend.PongResponse.
 * Use `create(PongResponseSchema)` to create a new message.
 */
const PongResponseSchema = /*@__PURE__*/ (/* unused pure expression or super */ null && (messageDesc(file_moby_buildkit_v1_frontend_gateway, 6)));
/**
 * @generated from service moby.buildkit.v1.frontend.LLBBridge
 */
const LLBBridge = /*@__PURE__*/ (0,service/* serviceDesc */.Z)(file_moby_buildkit_v1_frontend_gateway, 0);

// EXTERNAL MODULE: ./build/buildkit/grpc-service.js
var grpc_service = __webpack_require__(91175);
;// CONCATENATED MODULE: ./build/buildkit/gateway/frontend-subrequest.js




const bridge = (0,grpc_service/* grpcService */.UL)(LLBBridge);
/** The gRPC metadata key that routes an LLBBridge call to its build (moby/buildkit client/buildid/metadata.go). */
const BUILD_ID_METADATA_KEY = "buildkit-controlapi-buildid";
/**
 * buildx asks for this cap with every `--call`: a `# syntax=` frontend the Dockerfile names then answers the
 * subrequest itself instead of the built-in one.
 */
const SUBREQUESTS_FORWARD_CAP = "moby.buildkit.frontend.subrequests+forward";
/** Ping answers at once; the wait covers BuildKit registering the build (it gives up after 3 s itself). */
const UNARY_TIMEOUT_MS = 30_000;
/**
 * The client side of a gateway build (BuildKit Go client's Build + grpcclient): once Control.Solve has been sent
 * with no frontend and no definition, the daemon serves LLBBridge for that build on the same connection. This asks
 * the frontend for one subrequest, ends the build with an empty result (nothing is exported), and resolves to the
 * subrequest's answer: the frontend result's metadata ("result.json", "result.txt", "result.statuscode", ...).
 */
async function frontendSubrequest(channel, buildRef, request, signal) {
    const metadata = new src/* Metadata */.OS();
    metadata.set(BUILD_ID_METADATA_KEY, buildRef);
    const call = (method, message, timeoutMs) => channel.call(bridge[method], message, {
        metadata,
        signal,
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    await call("ping", (0,create/* create */.v)(PingRequestSchema), UNARY_TIMEOUT_MS);
    const caps = request.frontendAttrs["frontend.caps"];
    const response = await call("solve", (0,create/* create */.v)(SolveRequestSchema, {
        Frontend: request.frontend,
        FrontendOpt: {
            ...request.frontendAttrs,
            "frontend.caps": caps ? `${caps},${SUBREQUESTS_FORWARD_CAP}` : SUBREQUESTS_FORWARD_CAP,
            requestid: request.requestId,
        },
        // Without these the daemon answers with a bare ref ID and no metadata.
        allowResultReturn: true,
        allowResultArrayRef: true,
    }));
    // An empty result: the build ends without exporting anything.
    await call("return", (0,create/* create */.v)(ReturnRequestSchema, { result: {} }), UNARY_TIMEOUT_MS);
    return response.result?.metadata ?? {};
}


/***/ }),

/***/ 91175:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bp: () => (/* binding */ methodPath),
/* harmony export */   UL: () => (/* binding */ grpcService),
/* harmony export */   Yh: () => (/* binding */ rawMethod)
/* harmony export */ });
/* harmony import */ var _bufbuild_protobuf__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71015);
/* harmony import */ var _bufbuild_protobuf__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39859);

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

/***/ 71015:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ toBinary)
});

// UNUSED EXPORTS: writeField

// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/wire/binary-encoding.js + 1 modules
var binary_encoding = __webpack_require__(71377);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/descriptors.js
var descriptors = __webpack_require__(22567);
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
var message = __webpack_require__(43792);
// EXTERNAL MODULE: ./node_modules/@bufbuild/protobuf/dist/esm/proto-int64.js
var proto_int64 = __webpack_require__(42857);
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
