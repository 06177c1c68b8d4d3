import type { Endpoint } from "../buildkit/index.js";
import { formatDockerHost, hijack, type DockerHost } from "../docker/index.js";

/**
 * The Docker Engine's embedded BuildKit: the Control API on a hijacked `POST /grpc` and the session on a
 * hijacked `POST /session`, both upgraded to h2c (moby/moby api/server/router/{grpc,session}, buildx's docker
 * driver). Each gRPC connection is its own hijack.
 */
export function dockerEndpoint(host: DockerHost): Endpoint {
  return {
    kind: "dial",
    name: `docker ${formatDockerHost(host)}`,
    dial: (signal) => hijack(host, "/grpc", "h2c", { signal }),
    dialSession: (headers, signal) => hijack(host, "/session", "h2c", { headers, signal }),
  };
}
