import { create, type MessageInitShape, type MessageShape } from "@bufbuild/protobuf";
import type { MethodDefinition } from "@grpc/grpc-js";
import { Control } from "./gen/moby/buildkit/v1/control_pb.js";
import { grpcService } from "./grpc-service.js";

// Control's protobuf codecs. Building the descriptors behind them is a good part of the client's start-up, so
// control-client.ts loads this module only once the first calls (Info, ListWorkers: empty requests, which need no
// codec) have gone out, and it loads while the daemon answers.

export type ControlMethods = typeof Control.method;
export type ControlMethod = keyof ControlMethods;
export type RequestInit<K extends ControlMethod> = MessageInitShape<ControlMethods[K]["input"]>;
export type Request<K extends ControlMethod> = MessageShape<ControlMethods[K]["input"]>;
export type Response<K extends ControlMethod> = MessageShape<ControlMethods[K]["output"]>;

const definition = grpcService(Control);

/** The grpc-js definition of `method`: its path and its protobuf (de)serialisers. */
export function methodDefinition<K extends ControlMethod>(method: K): MethodDefinition<Request<K>, Response<K>> {
  return definition[method] as MethodDefinition<Request<K>, Response<K>>;
}

/** `init` (a plain object or an already built message) as the method's request message. */
export function request<K extends ControlMethod>(method: K, init: RequestInit<K>): Request<K> {
  return create(Control.method[method].input, init) as Request<K>;
}
