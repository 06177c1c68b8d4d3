import type { Endpoint } from "../buildkit/index.js";
import { execAttach, formatDockerHost, type DockerHost, type ExecStream } from "../docker/index.js";

// moby/buildkit cmd/buildctl/dialstdio.go: pipes stdio to buildkitd's socket; buildx's docker-container driver
// dials this way (driver/docker-container/driver.go Dial).
const dialStdio = ["buildctl", "dial-stdio"] as const;

export interface ExecEndpointOptions {
  /** The command that bridges stdio to buildkitd; `buildctl dial-stdio` unless a test needs a stand-in. */
  readonly cmd?: readonly string[];
  /** Called with what the bridge wrote to stderr when a connection ends (buildctl's reason for failing). */
  readonly onStderr?: (text: string) => void;
}

/**
 * BuildKit inside a container, reached as buildx's docker-container driver does: each dial runs
 * `docker exec <container> buildctl dial-stdio` with stdin attached and no TTY, and the connection is the
 * exec's stdin and demultiplexed stdout. There is no session dialer: the session runs over Control.Session on
 * the same gRPC connection.
 */
export function execEndpoint(host: DockerHost, container: string, options: ExecEndpointOptions = {}): Endpoint {
  const cmd = options.cmd ?? dialStdio;
  return {
    kind: "dial",
    name: `docker-container ${container} on ${formatDockerHost(host)}`,
    dial: async (signal) => {
      const stream: ExecStream = await execAttach(host, container, { cmd }, { signal });
      if (options.onStderr) {
        const report = options.onStderr;
        stream.once("close", () => {
          const text = stream.stderr.trim();
          if (text) report(text);
        });
      }
      return stream;
    },
  };
}
