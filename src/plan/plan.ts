import path from "node:path";
import { detectGhaCache, defaultGhaScope } from "./cache/gha-cache-env.js";
import { INPUT_NAMES as N, type ActionInputs } from "./inputs.js";
import type { RunContext } from "./run-context.js";
import type { NodeSpec } from "../builder/spec.js";
import { parseNodes } from "./builder/parse-nodes.js";
import { markInsecure } from "./builder/mark-insecure.js";
import { InputError, InputErrors, quote } from "./input-error.js";
import { parseAnnotations, type Annotation } from "./outputs/parse-annotations.js";
import { parseAttestations, type Attestations } from "./attestations/parse-attestations.js";
import { parseBool, parseGoBool } from "./values/parse-bool.js";
import { credentialBuildArgs } from "./secrets/credential-args.js";
import { parseBuildContexts, type NamedContext } from "./context/parse-build-contexts.js";
import { parseBuilder, type BuilderSpec } from "./builder/parse-builder.js";
import { parseCacheSpec, type CacheBackend, type CacheEnv } from "./cache/parse-cache-spec.js";
import {
  parseContext,
  parseDockerfile,
  type BuildContext,
  type ContextEnv,
  type DockerfileSource,
} from "./context/parse-context.js";
import { parseKeyValues, parseNames } from "./values/parse-key-values.js";
import { parseList } from "./values/parse-list.js";
import {
  parseAddHosts,
  parseEntitlements,
  parseNetwork,
  type Entitlement,
  type HostEntry,
  type NetworkMode,
} from "./run-steps/parse-network.js";
import { parseOutputs, type Output } from "./outputs/parse-outputs.js";
import { parsePlatforms } from "./platforms.js";
import { parseSecretEnvs, parseSecretFiles, parseSecretValues, type Secret } from "./secrets/parse-secrets.js";
import { parseSize } from "./values/parse-size.js";
import { parseSourceDateEpoch, type SourceDateEpoch } from "./source-date-epoch.js";
import { parseSsh, type SshSpec } from "./secrets/parse-ssh.js";
import { parseTags } from "./outputs/parse-tags.js";
import { parseUlimits, type Ulimit } from "./run-steps/parse-ulimits.js";
import { parseCall, refuseBuilderName, type CallRequest } from "./run-steps/parse-call.js";

export type { Annotation, Attestations, BuilderSpec, BuildContext, CacheBackend, DockerfileSource, Entitlement };
export type { CallRequest };
export type { HostEntry, NamedContext, NetworkMode, Output, Secret, SourceDateEpoch, SshSpec, Ulimit };

/** One build, every input parsed and checked: what the builder, the solve and the outputs work from. */
export interface BuildPlan {
  readonly builder: BuilderSpec;
  /** Platforms built on their own BuildKit endpoints; the rest go to `builder`. */
  readonly nodes: readonly NodeSpec[];
  readonly context: BuildContext;
  readonly dockerfile: DockerfileSource;
  readonly namedContexts: readonly NamedContext[];
  readonly target?: string;
  /** Normalised `os/arch[/variant]`; empty builds for the builder's own platform. */
  readonly platforms: readonly string[];
  readonly tags: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: readonly Annotation[];
  /** `push` and `load` included, as an `image` (push) and a `load` output. */
  readonly outputs: readonly Output[];
  readonly cacheFrom: readonly CacheBackend[];
  readonly cacheTo: readonly CacheBackend[];
  readonly noCache: boolean;
  readonly noCacheFilters: readonly string[];
  readonly pull: boolean;
  /** Keep the daemon's build-history record of the solve (`record-history`); off unless asked for. */
  readonly recordHistory: boolean;
  /** `secrets`, `secret-files`, `secret-envs`, and `GIT_AUTH_TOKEN.<host>` from `github-token` for a git context on the run's server. */
  readonly secrets: readonly Secret[];
  readonly ssh: readonly SshSpec[];
  readonly network: NetworkMode;
  readonly addHosts: readonly HostEntry[];
  readonly shmSizeBytes?: number;
  readonly ulimits: readonly Ulimit[];
  /** `allow`, plus `network.host` when `network: host`. */
  readonly entitlements: readonly Entitlement[];
  readonly attestations: Attestations;
  readonly sourceDateEpoch: SourceDateEpoch;
  /** Remove a BuildKit container this run started once the job is done (`cleanup`, default true). */
  readonly cleanup: boolean;
  /** On pull requests, keep one comment with the build summary (`pr-comment`; GitHub only). */
  readonly prComment: boolean;
  /** `cgroup-parent`: the cgroup RUN steps' containers are placed under. */
  readonly cgroupParent?: string;
  /** `call`: anything but `build` asks the frontend a question (checks, outline, targets); nothing is exported. */
  readonly call: CallRequest;
  /** Things the user should know that do not stop the build, one line each. */
  readonly warnings: readonly string[];
}

/**
 * Parses and checks every input into a {@link BuildPlan}. Pure: everything it knows about the runner comes in
 * `run`. Every bad input is reported, not just the first, so one run shows all that needs fixing: it throws an
 * {@link InputErrors} whose `errors` are one {@link InputError} (one `::error` line) per bad input.
 */
export function planBuild(inputs: ActionInputs, run: RunContext): BuildPlan {
  const errors: InputError[] = [];
  const warnings: string[] = [];
  function check<T>(parse: () => T, fallback: T): T {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      errors.push(err);
      return fallback;
    }
  }
  const gh = run.github;
  const contextEnv: ContextEnv = {
    workspace: run.workspace,
    ...(gh.serverUrl && gh.repository && (gh.sha || gh.ref)
      ? { defaultContext: `${gh.serverUrl}/${gh.repository}.git#${gh.sha || gh.ref}` }
      : {}),
  };

  const nodes = check(() => parseNodes(inputs.nodes), []);
  const builder = check(
    () => parseBuilder(inputs, { workspace: run.workspace, hasNodes: nodes.length > 0, warnings }),
    { driver: "docker-container" } as BuilderSpec,
  );
  // No `context` and no checkout (build-push-action's canonical example has no checkout step): the commit's Git
  // context, as build-push-action defaults to; said in one line either way it goes.
  const gitDefault = inputs.context.trim() === "" && run.workspaceHasCheckout === false;
  if (gitDefault && contextEnv.defaultContext)
    warnings.push(`context: no checkout in ${run.workspace}, building the Git context ${contextEnv.defaultContext}`);
  const contextInput = gitDefault && contextEnv.defaultContext ? contextEnv.defaultContext : inputs.context;
  const context = check((): BuildContext => parseContext(contextInput, contextEnv), {
    kind: "local",
    dir: run.workspace,
  });
  const dockerfile = check((): DockerfileSource => parseDockerfile(inputs.file, context, contextEnv), {
    kind: "context",
    filename: "Dockerfile",
  });
  const platforms = check(() => parsePlatforms(inputs.platforms), []);
  const errorsBeforeTags = errors.length;
  const tags = check(() => parseTags(inputs.tags), []);
  // A bad tag is reported once, as `tags`: not again as "push ... got no tags".
  const tagsInvalid = errors.length > errorsBeforeTags;
  const labels = check(() => parseKeyValues(inputs.labels, N.labels), {});
  const annotations = check(() => parseAnnotations(inputs.annotations), []);
  // An annotation for a platform this build does not make would be dropped without a word by BuildKit.
  for (const a of annotations) {
    if (!("platform" in a) || a.platform === undefined || platforms.length === 0 || platforms.includes(a.platform))
      continue;
    errors.push(
      InputError.expected(N.annotations, `a platform this build makes (${platforms.join(", ")})`, a.platform),
    );
  }
  const buildArgs = check(() => parseKeyValues(inputs.buildArgs, N.buildArgs), {});
  const namedContexts = check(() => parseBuildContexts(inputs.buildContexts, contextEnv), []);
  const target = check(() => stageName(inputs.target), undefined);
  const push = check(() => parseBool(inputs.push, N.push), false);
  const load = check(() => parseBool(inputs.load, N.load), false);
  const loadTarball = path.join(run.tempDir, "kiln-load.tar");
  const outputs = check(() => parseOutputs(inputs.outputs, { workspace: run.workspace, tags, loadTarball }), []);
  // `push` and `load` are shorthands for these outputs (buildx --push, --load); not twice when spelt out too.
  if (push && !outputs.some((o) => o.type === "image" && o.push)) {
    outputs.push({ type: "image", names: tags, push: true, attrs: {} });
  }
  if (load && !outputs.some((o) => o.type === "load")) {
    outputs.push({ type: "load", names: tags, tarball: loadTarball, attrs: {} });
  }
  check(() => checkOutputs(outputs, { push, tagsInvalid }), undefined);

  const githubToken = inputs.githubToken.trim();
  const cacheEnv: CacheEnv = {
    workspace: run.workspace,
    gha: detectGhaCache(run.ghaCache),
    ghaScope: defaultGhaScope(gh.workflow),
    ...(gh.repository ? { repository: gh.repository } : {}),
    ...(githubToken ? { githubToken } : {}),
    aws: run.aws,
    azure: run.azure,
  };
  const cacheFrom = check(() => parseCaches(inputs.cacheFrom, "import", N.cacheFrom, cacheEnv, builder, warnings), []);
  const cacheTo = check(() => parseCaches(inputs.cacheTo, "export", N.cacheTo, cacheEnv, builder, warnings), []);
  const noCache = check(() => parseBool(inputs.noCache, N.noCache), false);
  const recordHistory = check(() => parseBool(inputs.recordHistory, N.recordHistory), false);
  const noCacheFilters = check(() => parseNames(inputs.noCacheFilters, N.noCacheFilters, "stage names"), []);
  const pull = check(() => parseBool(inputs.pull, N.pull), false);
  const cleanup = check(() => parseBool(inputs.cleanup, N.cleanup, true), true);
  const prComment = check(() => parseBool(inputs.prComment, N.prComment), false);
  check(() => refuseBuilderName(inputs.builder, N.builder), undefined);
  const call = check((): CallRequest => parseCall(inputs.call, N.call), { name: "build" });
  const cgroupParent = inputs.cgroupParent.trim();

  const secrets: Secret[] = [];
  const addSecrets = (name: string, list: readonly Secret[]): void => {
    for (const s of list) {
      if (secrets.some((t) => t.id === s.id)) {
        errors.push(new InputError(name, `expected each secret id once, got ${quote(s.id)} again`));
      } else secrets.push(s);
    }
  };
  addSecrets(
    N.secrets,
    check(() => parseSecretValues(inputs.secrets), []),
  );
  addSecrets(
    N.secretEnvs,
    check(() => parseSecretEnvs(inputs.secretEnvs, run.lookupEnv), []),
  );
  addSecrets(
    N.secretFiles,
    check(() => parseSecretFiles(inputs.secretFiles, run.workspace), []),
  );
  const gitAuth = gitAuthSecret(context, gh.serverUrl, githubToken, secrets);
  if (gitAuth !== undefined) secrets.push(gitAuth);

  const ssh = check(() => parseSsh(inputs.ssh, run.workspace, run.sshAuthSock), []);
  const network = check(() => parseNetwork(inputs.network), "default");
  const addHosts = check(() => parseAddHosts(inputs.addHosts), []);
  const shmSizeBytes = check(() => parseSize(inputs.shmSize), undefined);
  const ulimits = check(() => parseUlimits(inputs.ulimit), []);
  const entitlements = check(() => parseEntitlements(inputs.allow), []);
  if (network === "host" && !entitlements.includes("network.host")) entitlements.push("network.host");

  // Like build-push-action, no attestations by default when the image only goes to the local daemon, whose
  // classic image store cannot hold them; nor when the only output is `type=cacheonly` (pull requests): nothing
  // would hold them, and the SBOM scan would pull its scanner for nothing.
  const cacheOnly = outputs.length > 0 && outputs.every((o) => o.type === "cacheonly");
  // BUILDX_NO_DEFAULT_ATTESTATIONS turns the defaults off, as it does for buildx (inputs still turn them on).
  const noDefaults = parseGoBool(run.lookupEnv("BUILDX_NO_DEFAULT_ATTESTATIONS") ?? "") === true;
  const defaultOn =
    !noDefaults && !cacheOnly && (!outputs.some((o) => o.type === "load") || outputs.some((o) => o.type === "image"));
  const attestations = check(
    () =>
      parseAttestations(
        {
          provenance: inputs.provenance,
          sbom: inputs.sbom,
          attests: inputs.attests,
          sbomGenerator: inputs.sbomGenerator,
        },
        { on: defaultOn, ...builderId(gh) },
      ),
    { byDefault: [] },
  );
  // The action masks these values (action/main.ts) before any warning is printed.
  for (const arg of credentialBuildArgs(buildArgs, attestations.provenance?.mode)) warnings.push(arg.warning);
  const sourceDateEpoch = check(
    () => parseSourceDateEpoch(inputs.sourceDateEpoch, run.sourceDateEpoch, run.headCommitTime),
    { seconds: undefined, from: "unknown" } as SourceDateEpoch,
  );
  if (sourceDateEpoch.from === "unknown") {
    warnings.push(
      "source-date-epoch: no input, no SOURCE_DATE_EPOCH and no HEAD commit time: the image will not be reproducible",
    );
  }

  if (nodes.length > 0 && !outputs.some((o) => o.type === "image" && o.push)) {
    errors.push(
      InputError.expected("nodes", "push: true (each node pushes by digest and one index joins them)", inputs.nodes),
    );
  }
  if (errors.length > 0) throw new InputErrors(errors);
  return deepFreeze({
    builder,
    nodes,
    context,
    dockerfile,
    namedContexts,
    ...(target === undefined ? {} : { target }),
    platforms,
    tags,
    buildArgs,
    labels,
    annotations,
    outputs: markInsecure(outputs, builder),
    cacheFrom: markInsecure(cacheFrom, builder),
    cacheTo: markInsecure(cacheTo, builder),
    noCache,
    recordHistory,
    noCacheFilters,
    pull,
    secrets,
    ssh,
    network,
    addHosts,
    ...(shmSizeBytes === undefined ? {} : { shmSizeBytes }),
    ulimits,
    entitlements,
    attestations,
    sourceDateEpoch,
    cleanup,
    prComment,
    ...(cgroupParent === "" ? {} : { cgroupParent }),
    call,
    warnings,
  });
}

function stageName(input: string): string | undefined {
  const v = input.trim();
  if (v === "") return undefined;
  if (/[\s,]/.test(v)) throw InputError.expected(N.target, "the name of a stage in the Dockerfile", v);
  return v;
}

function checkOutputs(outputs: readonly Output[], flags: { push: boolean; tagsInvalid: boolean }): void {
  for (const o of outputs) {
    if (o.type === "image" && o.push && o.names.length === 0 && !flags.tagsInvalid) {
      throw flags.push
        ? new InputError(N.push, "expected tags to name the image to push, got no tags")
        : new InputError(N.outputs, "expected name=<image> or tags for a pushed image, got neither");
    }
  }
}

function parseCaches(
  input: string,
  direction: "import" | "export",
  name: string,
  env: CacheEnv,
  builder: BuilderSpec,
  warnings: string[],
): CacheBackend[] {
  const out: CacheBackend[] = [];
  for (const spec of parseList(input, name, { ignoreComma: true })) {
    const parsed = parseCacheSpec(spec, direction, name, env);
    warnings.push(...parsed.warnings);
    for (const b of parsed.backends) {
      if (builder.driver === "docker" && (b.type === "s3" || b.type === "azblob")) {
        throw new InputError(
          name,
          `expected a cache type the Docker daemon's BuildKit has (registry, local and inline, and gha with the containerd image store), got type=${b.type} (use driver: docker-container)`,
        );
      }
      out.push(b);
    }
  }
  return out;
}

/** build-push-action sends `github-token` as `GIT_AUTH_TOKEN.<host>` for its own git context; Kiln only to the run's server. */
function gitAuthSecret(
  context: BuildContext,
  serverUrl: string | undefined,
  token: string,
  secrets: readonly Secret[],
) {
  if (context.kind !== "git" || token === "" || serverUrl === undefined) return undefined;
  if (secrets.some((s) => s.id === "GIT_AUTH_TOKEN" || s.id.startsWith("GIT_AUTH_TOKEN."))) return undefined;
  let host: string;
  try {
    host = new URL(serverUrl).host;
  } catch {
    return undefined;
  }
  const url = context.url;
  const onServer =
    url.startsWith(`https://${host}/`) ||
    url.startsWith(`http://${host}/`) ||
    (host === "github.com" && url.startsWith("github.com/"));
  return onServer
    ? ({ id: `GIT_AUTH_TOKEN.${host}`, source: { kind: "value", value: token } } satisfies Secret)
    : undefined;
}

/** The run's URL, as docker/actions-toolkit's `GitHub.workflowRunURL(true)` builds it. */
function builderId(gh: RunContext["github"]): { builderId?: string } {
  if (!gh.serverUrl || !gh.repository || !gh.runId) return {};
  const attempt = gh.runAttempt ? `/attempts/${gh.runAttempt}` : "";
  return { builderId: `${gh.serverUrl}/${gh.repository}/actions/runs/${gh.runId}${attempt}` };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
