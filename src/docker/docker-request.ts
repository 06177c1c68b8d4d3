import { request as httpRequest, type ClientRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { DockerHost } from "./docker-host.js";

/** Starts an HTTP request to the Engine API on `host`; the caller writes the body and handles the response. */
export function dockerRequest(host: DockerHost, options: RequestOptions): ClientRequest {
  if (host.kind === "unix") {
    return httpRequest({ ...options, socketPath: host.socketPath, host: "localhost" });
  }
  if (host.tls) {
    return httpsRequest({ ...options, host: host.host, port: host.port, ...host.tls });
  }
  return httpRequest({ ...options, host: host.host, port: host.port });
}
