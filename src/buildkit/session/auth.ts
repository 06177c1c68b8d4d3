import { status, type Server, type ServerUnaryCall, type sendUnaryData } from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import {
  Auth,
  CredentialsResponseSchema,
  type CredentialsRequest,
  type CredentialsResponse,
} from "../gen/moby/filesync/v1/filesync_pb.js";
import { grpcService, methodPath } from "../grpc-service.js";
import type { Attachable } from "./attachable.js";
import { messageOf } from "../../shared/message-of.js";

export interface RegistryCredentials {
  readonly username: string;
  /** Password, token, or identity token (with an empty username). */
  readonly secret: string;
}

/** Looks up credentials for a registry host as the daemon names it ("registry-1.docker.io", "ghcr.io", "127.0.0.1:5000"). */
export type CredentialProvider = (host: string) => Promise<RegistryCredentials | undefined>;

/**
 * Serves registry credentials to the daemon. Only Credentials is implemented: for a Bearer challenge the daemon
 * then fetches the token itself (moby/buildkit util/resolver/authorizer.go falls back on UNIMPLEMENTED from
 * GetTokenAuthority), which keeps token handling out of the client.
 */
export function auth(provider: CredentialProvider): Attachable {
  return {
    register(server: Server) {
      const unimplemented = (_call: unknown, callback: sendUnaryData<never>): void =>
        callback({ code: status.UNIMPLEMENTED, details: "client-side tokens are not offered" });
      server.addService(grpcService(Auth), {
        credentials(
          call: ServerUnaryCall<CredentialsRequest, CredentialsResponse>,
          callback: sendUnaryData<CredentialsResponse>,
        ) {
          provider(call.request.Host).then(
            (found) =>
              callback(
                null,
                create(CredentialsResponseSchema, found ? { Username: found.username, Secret: found.secret } : {}),
              ),
            (err: unknown) =>
              callback({
                code: status.INTERNAL,
                details: `failed to look up credentials for ${call.request.Host}: ${messageOf(err)}`,
              }),
          );
        },
        fetchToken: unimplemented,
        getTokenAuthority: unimplemented,
        verifyTokenAuthority: unimplemented,
      });
      return Auth.methods.map(methodPath);
    },
  };
}
