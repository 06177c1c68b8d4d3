import { status, type Server, type ServerDuplexStream, type ServerUnaryCall, type sendUnaryData } from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import { createConnection } from "node:net";
import {
  SSH,
  BytesMessageSchema,
  CheckAgentResponseSchema,
  type BytesMessage,
  type CheckAgentRequest,
  type CheckAgentResponse,
} from "../gen/moby/sshforward/v1/ssh_pb.js";
import { grpcService, methodPath } from "../grpc-service.js";
import type { Attachable } from "./attachable.js";

// moby/buildkit v0.13 session/sshforward/ssh.go: the forwarded ID travels in this metadata key; an empty ID
// means "default" (sshforward.DefaultID).
const keySshId = "buildkit.ssh.id";
const defaultId = "default";

/**
 * Forwards `RUN --mount=type=ssh` to SSH agent sockets on the client, by ID. Each ForwardAgent call is one
 * connection to the agent, its bytes carried in BytesMessages both ways.
 */
export function sshAgents(sockets: ReadonlyMap<string, string>): Attachable {
  return {
    register(server: Server) {
      server.addService(grpcService(SSH), {
        checkAgent(
          call: ServerUnaryCall<CheckAgentRequest, CheckAgentResponse>,
          callback: sendUnaryData<CheckAgentResponse>,
        ) {
          const id = call.request.ID || defaultId;
          if (sockets.has(id)) callback(null, create(CheckAgentResponseSchema));
          else callback({ code: status.NOT_FOUND, details: `unset ssh forward key ${id}` });
        },
        forwardAgent(call: ServerDuplexStream<BytesMessage, BytesMessage>) {
          const id = String(call.metadata.get(keySshId)[0] ?? "") || defaultId;
          const path = sockets.get(id);
          if (path === undefined) {
            call.emit("error", { code: status.NOT_FOUND, details: `unset ssh forward key ${id}` });
            return;
          }
          const agent = createConnection(path);
          agent.on("data", (chunk: Buffer) => {
            if (!call.write(create(BytesMessageSchema, { data: chunk }))) agent.pause();
          });
          call.on("drain", () => agent.resume());
          call.on("data", (m: BytesMessage) => agent.write(m.data));
          call.on("end", () => agent.end());
          call.on("error", () => agent.destroy());
          call.on("cancelled", () => agent.destroy());
          agent.on("end", () => call.end());
          agent.on("error", (err) =>
            call.emit("error", { code: status.UNAVAILABLE, details: `ssh agent ${id}: ${err.message}` }),
          );
        },
      });
      return SSH.methods.map(methodPath);
    },
  };
}
