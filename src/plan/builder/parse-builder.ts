import type { BuilderSpec } from "../../builder/spec.js";
import { InputError } from "../input-error.js";

export type { BuilderSpec };

const ADDRESS_RE = /^(unix:\/\/\/?\S+|tcp:\/\/[^\s/]+:\d+\/?)$/;

/**
 * `driver` and `endpoint`. The default driver is `docker-container`, as with setup-buildx-action: a current
 * BuildKit with every cache backend (s3, azblob, gha v2) and multi-platform output whatever the daemon's store.
 */
export function parseBuilder(driverInput: string, endpointInput: string): BuilderSpec {
  const driver = driverInput.trim() || "docker-container";
  const endpoint = endpointInput.trim();
  if (endpoint !== "" && !ADDRESS_RE.test(endpoint)) {
    throw InputError.expected(
      "endpoint",
      'an address like "unix:///run/buildkit/buildkitd.sock" or "tcp://host:1234"',
      endpoint,
    );
  }
  switch (driver) {
    case "docker":
    case "docker-container":
      return endpoint === "" ? { driver } : { driver, dockerHost: endpoint };
    case "remote":
      if (endpoint === "") {
        throw InputError.expected("endpoint", 'a BuildKit address for driver remote, like "tcp://buildkitd:1234"');
      }
      return { driver, endpoint };
    default:
      throw InputError.expected("driver", "docker, docker-container or remote", driver);
  }
}
