import type { Server, ServerUnaryCall, sendUnaryData } from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import {
  Health,
  HealthCheckResponseSchema,
  HealthCheckResponse_ServingStatus,
  type HealthCheckRequest,
  type HealthCheckResponse,
} from "../gen/grpc/health/v1/health_pb.js";
import { grpcService, methodPath } from "../grpc-service.js";
import type { Attachable } from "./attachable.js";

/**
 * The health service every session must serve: the daemon checks it every 5 s and drops the session after
 * two failures (moby/buildkit session/grpc.go monitorHealth).
 */
export function health(): Attachable {
  return {
    register(server: Server) {
      server.addService(grpcService(Health), {
        check(
          _call: ServerUnaryCall<HealthCheckRequest, HealthCheckResponse>,
          callback: sendUnaryData<HealthCheckResponse>,
        ) {
          callback(null, create(HealthCheckResponseSchema, { status: HealthCheckResponse_ServingStatus.SERVING }));
        },
      });
      return Health.methods.map(methodPath);
    },
  };
}
