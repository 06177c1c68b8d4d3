/** Named local directories the Dockerfile frontend reads (moby/buildkit frontend/dockerui/config.go). */
export const localContext = "context";
export const localDockerfile = "dockerfile";

export interface SbomOptions {
  /** Scanner image that follows BuildKit's SBOM protocol; BuildKit's default scanner when absent. */
  readonly generator?: string;
  /** Further scanner parameters, e.g. { "scan-context": "true" }. */
  readonly params?: Readonly<Record<string, string>>;
}

export interface ProvenanceOptions {
  readonly mode: "min" | "max";
  readonly builderId?: string;
  readonly params?: Readonly<Record<string, string>>;
}

/** A Dockerfile build as the `dockerfile.v0` frontend understands it. */
export interface DockerfileOptions {
  /** Dockerfile name inside the `dockerfile` local directory. */
  readonly filename?: string;
  readonly target?: string;
  /** "os/arch[/variant]" each; several make a multi-platform image. */
  readonly platforms?: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  /** Named contexts, value in frontend form: "docker-image://ref", "local:<dir name>", a git or https URL. */
  readonly namedContexts?: Readonly<Record<string, string>>;
  /** true ignores the cache for every stage; a list for the named stages only. */
  readonly noCache?: boolean | readonly string[];
  /** Always resolve base images from the registry. */
  readonly pull?: boolean;
  readonly network?: "default" | "none" | "host";
  /** "host=ip" each. */
  readonly addHosts?: readonly string[];
  readonly shmSizeBytes?: number;
  /** Docker ulimit strings, e.g. "nofile=1024:2048". */
  readonly ulimits?: readonly string[];
  readonly sbom?: SbomOptions;
  readonly provenance?: ProvenanceOptions;
  /** Unix seconds; becomes build-arg:SOURCE_DATE_EPOCH, which the daemon copies into every exporter. */
  readonly sourceDateEpoch?: number;
  /** A git or https URL to build from instead of the local `context` directory. */
  readonly remoteContext?: string;
}

function csv(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** FrontendAttrs for the Dockerfile frontend (keys from moby/buildkit frontend/dockerui/config.go, v0.13). */
export function dockerfileFrontendAttrs(options: DockerfileOptions): Record<string, string> {
  const attrs: Record<string, string> = { filename: options.filename ?? "Dockerfile" };
  if (options.target) attrs["target"] = options.target;
  if (options.platforms && options.platforms.length > 0) {
    attrs["platform"] = options.platforms.join(",");
    if (options.platforms.length > 1) attrs["multi-platform"] = "true";
  }
  for (const [k, v] of Object.entries(options.buildArgs ?? {})) attrs[`build-arg:${k}`] = v;
  if (options.sourceDateEpoch !== undefined) attrs["build-arg:SOURCE_DATE_EPOCH"] = String(options.sourceDateEpoch);
  for (const [k, v] of Object.entries(options.labels ?? {})) attrs[`label:${k}`] = v;
  for (const [k, v] of Object.entries(options.namedContexts ?? {})) attrs[`context:${k}`] = v;
  if (options.noCache === true) attrs["no-cache"] = "";
  else if (Array.isArray(options.noCache) && options.noCache.length > 0) attrs["no-cache"] = options.noCache.join(",");
  if (options.pull) attrs["image-resolve-mode"] = "pull";
  if (options.network && options.network !== "default") attrs["force-network-mode"] = options.network;
  if (options.addHosts && options.addHosts.length > 0) attrs["add-hosts"] = options.addHosts.join(",");
  if (options.shmSizeBytes !== undefined) attrs["shm-size"] = String(options.shmSizeBytes);
  if (options.ulimits && options.ulimits.length > 0) attrs["ulimit"] = options.ulimits.join(",");
  if (options.sbom) {
    const params = { ...(options.sbom.generator ? { generator: options.sbom.generator } : {}), ...options.sbom.params };
    attrs["attest:sbom"] = csv(params);
  }
  if (options.provenance) {
    const params = {
      mode: options.provenance.mode,
      ...(options.provenance.builderId ? { "builder-id": options.provenance.builderId } : {}),
      ...options.provenance.params,
    };
    attrs["attest:provenance"] = csv(params);
  }
  if (options.remoteContext) {
    attrs["context"] = options.remoteContext;
    // With a remote context the Dockerfile still comes from the client's `dockerfile` directory.
    attrs["dockerfilekey"] = localDockerfile;
  }
  return attrs;
}
