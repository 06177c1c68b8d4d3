/**
 * The action's inputs exactly as the runner gives them: strings, `""` when unset. They keep
 * docker/build-push-action's names and meanings, plus setup-buildx-action's `driver` and `endpoint`, and Kiln's
 * `source-date-epoch` and `sbom-generator`. {@link planBuild} parses and checks them all.
 */
export interface ActionInputs {
  readonly context: string;
  readonly file: string;
  readonly platforms: string;
  readonly tags: string;
  readonly labels: string;
  readonly annotations: string;
  readonly buildArgs: string;
  readonly buildContexts: string;
  readonly target: string;
  readonly push: string;
  readonly load: string;
  readonly outputs: string;
  readonly cacheFrom: string;
  readonly cacheTo: string;
  readonly noCache: string;
  readonly noCacheFilters: string;
  readonly pull: string;
  readonly secrets: string;
  readonly secretEnvs: string;
  readonly secretFiles: string;
  readonly ssh: string;
  readonly network: string;
  readonly addHosts: string;
  readonly shmSize: string;
  readonly ulimit: string;
  readonly allow: string;
  readonly provenance: string;
  readonly sbom: string;
  readonly sbomGenerator: string;
  readonly attests: string;
  readonly githubToken: string;
  readonly sourceDateEpoch: string;
  readonly driver: string;
  readonly endpoint: string;
  /** Per-platform BuildKit endpoints, `linux/arm64=tcp://arm-builder:1234` per line. */
  readonly nodes: string;
  readonly recordHistory: string;
  /** setup-buildx-action's builder options: driver options, buildkitd flags and config, and Kiln's registry lists. */
  readonly driverOpts: string;
  readonly buildkitdFlags: string;
  readonly buildkitdConfig: string;
  readonly buildkitdConfigInline: string;
  readonly insecureRegistries: string;
  readonly registryMirrors: string;
  /** setup-qemu-action's `image`. */
  readonly binfmtImage: string;
  readonly keepState: string;
  readonly cleanup: string;
  readonly prComment: string;
  /** Fan-out leg / fan-in step across jobs (src/action/fan-step.ts reads them; the plan of a leg is a plain build). */
  readonly fanOut: string;
  readonly fanIn: string;
  /** build-push-action's `builder`: refused with a clear line (Kiln runs its own BuildKit). */
  readonly builder: string;
  /** `build` or `check` (BuildKit's build checks without building), as buildx's `--call`. */
  readonly call: string;
  readonly cgroupParent: string;
}

/** Each {@link ActionInputs} field and its name in `action.yml`. */
export const INPUT_NAMES = Object.freeze({
  context: "context",
  file: "file",
  platforms: "platforms",
  tags: "tags",
  labels: "labels",
  annotations: "annotations",
  buildArgs: "build-args",
  buildContexts: "build-contexts",
  target: "target",
  push: "push",
  load: "load",
  outputs: "outputs",
  cacheFrom: "cache-from",
  cacheTo: "cache-to",
  noCache: "no-cache",
  noCacheFilters: "no-cache-filters",
  pull: "pull",
  secrets: "secrets",
  secretEnvs: "secret-envs",
  secretFiles: "secret-files",
  ssh: "ssh",
  network: "network",
  addHosts: "add-hosts",
  shmSize: "shm-size",
  ulimit: "ulimit",
  allow: "allow",
  provenance: "provenance",
  sbom: "sbom",
  sbomGenerator: "sbom-generator",
  attests: "attests",
  githubToken: "github-token",
  sourceDateEpoch: "source-date-epoch",
  driver: "driver",
  endpoint: "endpoint",
  nodes: "nodes",
  recordHistory: "record-history",
  driverOpts: "driver-opts",
  buildkitdFlags: "buildkitd-flags",
  buildkitdConfig: "buildkitd-config",
  buildkitdConfigInline: "buildkitd-config-inline",
  insecureRegistries: "insecure-registries",
  registryMirrors: "registry-mirrors",
  binfmtImage: "binfmt-image",
  keepState: "keep-state",
  cleanup: "cleanup",
  prComment: "pr-comment",
  fanOut: "fan-out",
  fanIn: "fan-in",
  builder: "builder",
  call: "call",
  cgroupParent: "cgroup-parent",
} as const satisfies Record<keyof ActionInputs, string>);

/**
 * Reads every input through `get`, which should return the raw value, untrimmed and `""` when unset:
 * `(name) => core.getInput(name, { trimWhitespace: false })`. Untrimmed because `secrets` values may begin or
 * end with whitespace; every other input is trimmed when parsed.
 */
export function readInputs(get: (name: string) => string): ActionInputs {
  const out = {} as Record<keyof ActionInputs, string>;
  for (const field of Object.keys(INPUT_NAMES) as (keyof ActionInputs)[]) out[field] = get(INPUT_NAMES[field]);
  return out;
}
