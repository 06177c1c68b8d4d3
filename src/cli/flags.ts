import { INPUT_NAMES } from "../plan/inputs.js";

/** How a flag takes its value: repeatable (joined one per line into the input), single, or a switch. */
export type FlagKind = "list" | "value" | "bool";

/** One `kiln build` flag: its buildx name, the action input it sets, and its line in `kiln build --help`. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly kind: FlagKind;
  /** The action input it fills; absent for flags the CLI handles itself (`--secret`, `--progress`, ...). */
  readonly input?: string;
  readonly arg?: string;
  readonly help: string;
}

const I = INPUT_NAMES;

/**
 * Every `kiln build` flag, named as `docker buildx build` names it so a Docker user's command line carries over.
 * The order is the order of `kiln build --help`.
 */
export const BUILD_FLAGS: readonly FlagSpec[] = Object.freeze([
  {
    name: "file",
    short: "f",
    kind: "value",
    input: I.file,
    arg: "PATH",
    help: 'Dockerfile (default "CONTEXT/Dockerfile")',
  },
  { name: "tag", short: "t", kind: "list", input: I.tags, arg: "REF", help: "image reference, repeatable" },
  {
    name: "platform",
    kind: "list",
    input: I.platforms,
    arg: "LIST",
    help: "target platforms, repeatable or comma-separated",
  },
  { name: "push", kind: "bool", input: I.push, help: "push the image to the registry" },
  { name: "load", kind: "bool", input: I.load, help: "load the image into the Docker daemon" },
  {
    // Read by src/cli/fan-commands.ts before the other flags: it changes what the build pushes, not an input.
    name: "fan-out",
    kind: "value",
    arg: "DIR",
    help: "with --push: push by digest, tag nothing, write the part to DIR/<platform>.json for kiln merge",
  },
  {
    name: "output",
    short: "o",
    kind: "list",
    input: I.outputs,
    arg: "SPEC",
    help: "exporter, buildx syntax (type=local,dest=out), repeatable",
  },
  { name: "build-arg", kind: "list", input: I.buildArgs, arg: "K=V", help: "build-time variable, repeatable" },
  {
    name: "build-context",
    kind: "list",
    input: I.buildContexts,
    arg: "NAME=VALUE",
    help: "additional build context, repeatable",
  },
  { name: "label", kind: "list", input: I.labels, arg: "K=V", help: "image label, repeatable" },
  { name: "annotation", kind: "list", input: I.annotations, arg: "K=V", help: "image annotation, repeatable" },
  { name: "target", kind: "value", input: I.target, arg: "STAGE", help: "stage to build" },
  {
    name: "secret",
    kind: "list",
    arg: "SPEC",
    help: "id=ID,src=PATH | id=ID,env=VAR | id=ID (env ID, else file ID); type=file|env",
  },
  {
    name: "ssh",
    kind: "list",
    input: I.ssh,
    arg: "SPEC",
    help: "default | ID=PATH: SSH agent socket to forward, repeatable",
  },
  {
    name: "network",
    kind: "value",
    input: I.network,
    arg: "MODE",
    help: "network mode for RUN: default | none | host",
  },
  { name: "add-host", kind: "list", input: I.addHosts, arg: "HOST:IP", help: "extra /etc/hosts entry, repeatable" },
  { name: "shm-size", kind: "value", input: I.shmSize, arg: "SIZE", help: "size of /dev/shm for RUN" },
  { name: "ulimit", kind: "list", input: I.ulimit, arg: "SPEC", help: "ulimit for RUN (nofile=1024:1024), repeatable" },
  {
    name: "builder",
    kind: "value",
    input: I.builder,
    arg: "NAME",
    help: "refused: Kiln runs its own BuildKit (use --driver and --endpoint)",
  },
  {
    name: "call",
    kind: "value",
    input: I.call,
    arg: "METHOD",
    help: "build | check (build checks only; fails on a finding) | outline | targets (print, add ,format=json for JSON)",
  },
  {
    name: "cgroup-parent",
    kind: "value",
    input: I.cgroupParent,
    arg: "PATH",
    help: "parent cgroup for RUN containers",
  },
  {
    name: "allow",
    kind: "list",
    input: I.allow,
    arg: "ENTITLEMENT",
    help: "network.host | security.insecure, repeatable",
  },
  {
    name: "cache-from",
    kind: "list",
    input: I.cacheFrom,
    arg: "SPEC",
    help: "cache source, buildx syntax, repeatable",
  },
  {
    name: "cache-to",
    kind: "list",
    input: I.cacheTo,
    arg: "SPEC",
    help: "cache destination, buildx syntax, repeatable",
  },
  { name: "no-cache", kind: "bool", input: I.noCache, help: "do not use the cache" },
  {
    name: "no-cache-filter",
    kind: "list",
    input: I.noCacheFilters,
    arg: "STAGE",
    help: "stage not to cache, repeatable",
  },
  { name: "pull", kind: "bool", input: I.pull, help: "always resolve base images from the registry" },
  {
    name: "provenance",
    kind: "value",
    input: I.provenance,
    arg: "SPEC",
    help: "provenance attestation (default mode=max)",
  },
  { name: "sbom", kind: "value", input: I.sbom, arg: "SPEC", help: "SBOM attestation: true | false | generator=IMAGE" },
  { name: "sbom-generator", kind: "value", input: I.sbomGenerator, arg: "IMAGE", help: "scanner image for --sbom" },
  { name: "attest", kind: "list", input: I.attests, arg: "SPEC", help: "attestation, buildx syntax, repeatable" },
  {
    name: "source-date-epoch",
    kind: "value",
    input: I.sourceDateEpoch,
    arg: "SECONDS",
    help: 'timestamp for reproducible images, or "none"',
  },
  {
    name: "record-history",
    kind: "bool",
    input: I.recordHistory,
    help: "keep the build in the builder's history (off by default)",
  },
  {
    name: "driver",
    kind: "value",
    input: I.driver,
    arg: "NAME",
    help: "docker | docker-container | remote (default docker-container)",
  },
  {
    name: "endpoint",
    kind: "value",
    input: I.endpoint,
    arg: "ADDR",
    help: "for --driver remote: tcp://host:port or unix:///path",
  },
  {
    name: "nodes",
    kind: "list",
    input: I.nodes,
    arg: "PLATFORM=ADDR",
    help: "build PLATFORM on the BuildKit at ADDR, repeatable",
  },
  {
    name: "driver-opt",
    kind: "list",
    input: I.driverOpts,
    arg: "K=V",
    help: "driver option (image=, network=, env.NAME=, memory=, cacert=, cert=, key=, servername=), repeatable",
  },
  {
    name: "buildkitd-flags",
    kind: "value",
    input: I.buildkitdFlags,
    arg: "FLAGS",
    help: "docker-container buildkitd flags",
  },
  {
    name: "buildkitd-config",
    kind: "value",
    input: I.buildkitdConfig,
    arg: "PATH",
    help: "docker-container buildkitd.toml",
  },
  {
    name: "buildkitd-config-inline",
    kind: "value",
    input: I.buildkitdConfigInline,
    arg: "TOML",
    help: "docker-container buildkitd.toml content",
  },
  {
    name: "insecure-registry",
    kind: "list",
    input: I.insecureRegistries,
    arg: "HOST[:PORT]",
    help: "registry speaking plain HTTP or with an untrusted certificate, repeatable",
  },
  {
    name: "registry-mirror",
    kind: "list",
    input: I.registryMirrors,
    arg: "HOST[/PATH]",
    help: "Docker Hub mirror for builds and the builder's images, repeatable",
  },
  { name: "binfmt-image", kind: "value", input: I.binfmtImage, arg: "REF", help: "image that installs QEMU handlers" },
  { name: "keep-state", kind: "bool", input: I.keepState, help: "keep the builder's state volume at cleanup" },
  {
    name: "progress",
    kind: "value",
    arg: "MODE",
    help: "plain (default) | quiet | rawjson: how progress is printed on stderr",
  },
  { name: "quiet", short: "q", kind: "bool", help: "print only the image digest on stdout, no progress" },
  { name: "metadata-file", kind: "value", arg: "PATH", help: "write the build result metadata (JSON) to PATH" },
  { name: "iidfile", kind: "value", arg: "PATH", help: "write the image ID to PATH" },
  { name: "help", short: "h", kind: "bool", help: "print this help" },
] satisfies FlagSpec[]);

/** The flag that sets an action input, `--flag` style; `--secret` for both secret inputs, `CONTEXT` for the context. */
export function flagForInput(input: string): string | undefined {
  if (input === I.context) return "CONTEXT";
  if (input === I.secretFiles || input === I.secretEnvs || input === I.secrets) return "--secret";
  const flag = BUILD_FLAGS.find((f) => f.input === input);
  return flag ? `--${flag.name}` : undefined;
}
