import type { ContainerResources } from "./docker-container/container-plan.js";
import type { UserBuildkitdConfig } from "./docker-container/buildkitd-toml.js";
import type { RemoteTlsInput } from "./remote-endpoint.js";

/** Registries the builder must treat specially (`insecure-registries`, `registry-mirrors`). */
export interface RegistrySettings {
  /** "host[:port]" that speak plain HTTP or present a certificate that does not verify. */
  readonly insecure: readonly string[];
  /** Docker Hub mirrors, "host[:port][/path]", tried in order for builds and for the builder's own images. */
  readonly mirrors: readonly string[];
}

/** What every driver may carry besides its own options; absent when not given. */
interface Common {
  readonly registries?: RegistrySettings;
  /** The binfmt image that installs QEMU handlers (setup-qemu-action's `image`); Kiln's pinned one when absent. */
  readonly binfmtImage?: string;
  /** TLS material (driver-opts `cacert`, `cert`, `key`, `servername`) for a remote endpoint and for tcp nodes. */
  readonly tls?: RemoteTlsInput;
}

/** The docker-container driver's options (driver-opts, buildkitd-flags, buildkitd-config*, keep-state). */
export interface ContainerDriverOptions {
  readonly image?: string;
  readonly network?: string;
  readonly env: Readonly<Record<string, string>>;
  readonly resources: ContainerResources;
  /** buildkitd flags split into words; the defaults when absent. */
  readonly flags?: readonly string[];
  readonly config?: UserBuildkitdConfig;
  /** Keep the state volume (the build cache) when the post step removes the container. */
  readonly keepState: boolean;
}

/**
 * Which BuildKit runs the build (setup-buildx-action's `driver`). `dockerHost` is the Docker endpoint from
 * `endpoint` (the builder falls back to DOCKER_HOST); `remote` needs a buildkitd address.
 */
export type BuilderSpec =
  | ({ readonly driver: "docker"; readonly dockerHost?: string } & Common)
  | ({
      readonly driver: "docker-container";
      readonly dockerHost?: string;
      /** Absent: Kiln's defaults (pinned image, default flags, host network, no config). */
      readonly container?: ContainerDriverOptions;
    } & Common)
  | ({ readonly driver: "remote"; readonly endpoint: string } & Common);

export type Driver = BuilderSpec["driver"];

/** One line of the `nodes` input: the platforms a BuildKit node builds, and its address. */
export interface NodeSpec {
  /** Normalised "os/arch[/variant]" each. */
  readonly platforms: readonly string[];
  /** "tcp://host:port" or "unix:///path" as written; the builder turns it into an Endpoint (TLS and all). */
  readonly endpoint: string;
}
