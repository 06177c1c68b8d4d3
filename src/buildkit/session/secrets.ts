import { status, type Server, type ServerUnaryCall, type sendUnaryData } from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import { readFile } from "node:fs/promises";
import {
  Secrets,
  GetSecretResponseSchema,
  type GetSecretRequest,
  type GetSecretResponse,
} from "../gen/moby/buildkit/secrets/v1/secrets_pb.js";
import { grpcService, methodPath } from "../grpc-service.js";
import type { Attachable } from "./attachable.js";

/** Where one secret's bytes come from. Values are read when the daemon asks, never earlier. */
export type SecretSource =
  | { readonly kind: "value"; readonly value: Uint8Array | string }
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "env"; readonly name: string; readonly env: NodeJS.ProcessEnv };

async function load(source: SecretSource): Promise<Uint8Array | undefined> {
  switch (source.kind) {
    case "value":
      return typeof source.value === "string" ? Buffer.from(source.value, "utf8") : source.value;
    case "file":
      return readFile(source.path);
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
export function secrets(sources: ReadonlyMap<string, SecretSource>): Attachable {
  return {
    register(server: Server) {
      server.addService(grpcService(Secrets), {
        getSecret(
          call: ServerUnaryCall<GetSecretRequest, GetSecretResponse>,
          callback: sendUnaryData<GetSecretResponse>,
        ) {
          const source = sources.get(call.request.ID);
          const notFound = { code: status.NOT_FOUND, details: `secret ${call.request.ID} not found` };
          if (!source) return callback(notFound);
          load(source).then(
            (data) => (data ? callback(null, create(GetSecretResponseSchema, { data })) : callback(notFound)),
            // The message names the secret, never its value.
            () => callback({ code: status.NOT_FOUND, details: `secret ${call.request.ID} could not be read` }),
          );
        },
      });
      return Secrets.methods.map(methodPath);
    },
  };
}
