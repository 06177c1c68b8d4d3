/**
 * Which BuildKit runs the build (setup-buildx-action's `driver`). `dockerHost` is the Docker endpoint from
 * `endpoint` (the builder falls back to DOCKER_HOST); `remote` needs a buildkitd address.
 */
export type BuilderSpec =
  | { readonly driver: "docker"; readonly dockerHost?: string }
  | { readonly driver: "docker-container"; readonly dockerHost?: string }
  | { readonly driver: "remote"; readonly endpoint: string };

export type Driver = BuilderSpec["driver"];

/** One line of the `nodes` input: the platforms a BuildKit node builds, and its address. */
export interface NodeSpec {
  /** Normalised "os/arch[/variant]" each. */
  readonly platforms: readonly string[];
  /** "tcp://host:port" or "unix:///path" as written; the builder turns it into an Endpoint (TLS and all). */
  readonly endpoint: string;
}
