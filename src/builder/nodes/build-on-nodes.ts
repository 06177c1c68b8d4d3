import {
  BuildkitError,
  Code,
  imageExporter,
  type BuildkitClient,
  type ImageExportOptions,
  type SolveOptions,
  type SolveResult,
  type SolveStatus,
} from "../../buildkit/index.js";
import {
  isIndexMediaType,
  parseReference,
  pushIndex,
  type AssembledIndex,
  type Descriptor,
  type ImageReference,
  type RegistryClient,
  type Repository,
} from "../../registry/index.js";
import { parsePlatform } from "../../shared/platform.js";
import { indexDigests, mergeIndex, type PushedPart } from "./merge-index.js";
import { describePart, type NodePart, type NodePlan } from "./plan-nodes.js";
import { messageOf } from "../../shared/message-of.js";

/** BuildKit's exporter response keys (moby/buildkit v0.13 exporter/containerimage/exptypes/keys.go). */
const EXPORTER_DIGEST = "containerimage.digest";
const EXPORTER_DESCRIPTOR = "containerimage.descriptor";

export interface BuildOnNodesOptions {
  readonly plan: NodePlan;
  /** The connected client of each part's builder (the caller connects, checks and closes them). */
  readonly clientFor: (part: NodePart) => BuildkitClient;
  /**
   * The solve of the whole build, for every platform. Each part replaces the frontend's `platform` (and
   * `multi-platform`) attributes with its own platforms; attestations (`attest:*`) stay, so every part
   * carries its own provenance and SBOM.
   */
  readonly solve: Omit<SolveOptions, "exporters">;
  /** Full references to tag the merged index as; their repositories receive the parts by digest. At least one. */
  readonly tags: readonly string[];
  /** Reads the parts back and puts the index; it needs push access to the tags' repositories. */
  readonly registry: RegistryClient;
  /**
   * Further image exporter attributes for every part. `rewriteTimestamp` defaults to true (reproducible
   * layers with SOURCE_DATE_EPOCH); `name`, `push`, `push-by-digest` and `store` are set here.
   */
  readonly image?: Omit<ImageExportOptions, "names" | "push" | "pushByDigest" | "store">;
  /** Annotations of the merged index. */
  readonly indexAnnotations?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Status batches of every part, tagged with the part they belong to. */
  readonly onStatus?: (part: NodePart, status: SolveStatus) => void;
}

/** One part's result: where it ran, what the daemon answered, what it pushed. */
export interface NodePartResult {
  readonly part: NodePart;
  readonly exporterResponse: Readonly<Record<string, string>>;
  /** The index (with attestations) or the single manifest the part pushed by digest. */
  readonly descriptor: Descriptor;
  readonly manifests: readonly Descriptor[];
}

export interface NodesBuildResult {
  /** The merged index, as put under every tag. */
  readonly index: AssembledIndex;
  /** Platform -> image manifest digest. */
  readonly digests: Readonly<Record<string, string>>;
  /** Platform -> attestation manifest digest. */
  readonly attestations: Readonly<Record<string, string>>;
  readonly parts: readonly NodePartResult[];
}

/**
 * Builds each part of the plan on its own builder, in parallel, each pushed by digest (nothing is tagged), then
 * reads the parts back, merges them into one index ({@link mergeIndex}) and puts it under every tag. Tags are
 * written only after every part has been pushed and found in the registry: a failed part leaves no tag behind.
 * The first failing part cancels the others; its error is the one thrown, naming the part's builder.
 */
export async function buildOnNodes(options: BuildOnNodesOptions): Promise<NodesBuildResult> {
  const tags = options.tags.map((t) => parseReference(t));
  if (tags.length === 0) {
    throw new BuildkitError(
      "failed to build on nodes: per-platform nodes push, so at least one tag is needed",
      Code.InvalidArgument,
    );
  }
  const repositories = uniqueRepositories(tags);
  const group = new AbortController();
  const outer = options.signal;
  const onAbort = (): void => group.abort(outer?.reason);
  if (outer?.aborted) throw new BuildkitError("build canceled before it started", Code.Canceled);
  outer?.addEventListener("abort", onAbort, { once: true });
  try {
    const settled = await Promise.allSettled(
      options.plan.parts.map((part) =>
        solvePart(part, options, repositories, group.signal).catch((err: unknown) => {
          group.abort(err);
          throw err;
        }),
      ),
    );
    // The first real failure, not the cancellations it caused in the other parts.
    const errors = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    if (errors.length > 0) throw errors.find((e) => !isCancel(e)) ?? errors[0];
    const responses = settled.map((s) => (s as PromiseFulfilledResult<SolveResult>).value);

    const home = repositories[0]!;
    const parts = await Promise.all(
      options.plan.parts.map((part, i) => readPart(part, responses[i]!, home, options.registry, group.signal)),
    );
    const index = mergeIndex(
      parts.map(
        (p) =>
          ({ node: describePart(p.part), platforms: p.part.platforms, manifests: p.manifests }) satisfies PushedPart,
      ),
      options.indexAnnotations === undefined ? {} : { annotations: options.indexAnnotations },
    );
    // pushIndex checks that every manifest is in the tag's repository before it writes the tag.
    for (const tag of tags) {
      await pushIndex(options.registry, tag, index.index.manifests, {
        signal: group.signal,
        ...(options.indexAnnotations === undefined ? {} : { annotations: options.indexAnnotations }),
      });
    }
    return { index, ...indexDigests(index.index.manifests), parts };
  } finally {
    outer?.removeEventListener("abort", onAbort);
  }
}

async function solvePart(
  part: NodePart,
  options: BuildOnNodesOptions,
  repositories: readonly Repository[],
  signal: AbortSignal,
): Promise<SolveResult> {
  const frontendAttrs: Record<string, string> = { ...options.solve.frontendAttrs };
  delete frontendAttrs["platform"];
  delete frontendAttrs["multi-platform"];
  if (part.platforms.length > 0) frontendAttrs["platform"] = part.platforms.join(",");
  if (part.platforms.length > 1) frontendAttrs["multi-platform"] = "true";
  const exporter = imageExporter({
    rewriteTimestamp: true,
    ...options.image,
    names: repositories.map((r) => `${r.registry}/${r.repository}`),
    push: true,
    pushByDigest: true,
    // With the containerd image store, storing implies unpack, which rewrite-timestamp refuses; the parts
    // only matter in the registry.
    store: false,
  });
  try {
    return await options.clientFor(part).solve(
      { ...options.solve, frontendAttrs, exporters: [exporter] },
      {
        signal,
        ...(options.onStatus === undefined ? {} : { onStatus: (s: SolveStatus) => options.onStatus!(part, s) }),
      },
    );
  } catch (err) {
    if (signal.aborted && isCancel(err)) throw err;
    const e = err instanceof BuildkitError ? err : undefined;
    const what = part.platforms.length > 0 ? part.platforms.join(", ") : "the image";
    throw new BuildkitError(
      `failed to build ${what} on ${describePart(part)}: ${messageOf(err)}`,
      e?.code ?? Code.Unknown,
      { cause: err, ...(e?.source === undefined ? {} : { source: e.source }) },
    );
  }
}

/** The part's descriptor from the exporter response, then its manifests from the registry when it is an index. */
async function readPart(
  part: NodePart,
  solved: SolveResult,
  repo: Repository,
  registry: RegistryClient,
  signal: AbortSignal,
): Promise<NodePartResult> {
  const response = solved.exporterResponse;
  let descriptor = exportedDescriptor(response);
  if (descriptor === undefined) {
    const digest = response[EXPORTER_DIGEST];
    if (digest === undefined) {
      throw new BuildkitError(
        `failed to read what ${describePart(part)} pushed: the exporter response has neither ${EXPORTER_DESCRIPTOR} nor ${EXPORTER_DIGEST}`,
        Code.Internal,
      );
    }
    const found = await registry.headManifest({ ...repo, digest }, { signal });
    if (found === undefined) {
      throw new BuildkitError(
        `failed to read what ${describePart(part)} pushed: ${digest} is not in ${repo.registry}/${repo.repository}`,
        Code.NotFound,
      );
    }
    descriptor = found;
  }
  if (isIndexMediaType(descriptor.mediaType)) {
    const fetched = await registry.getManifest({ ...repo, digest: descriptor.digest }, { signal });
    if (fetched.kind !== "index") {
      throw new BuildkitError(
        `failed to read what ${describePart(part)} pushed: ${descriptor.digest} is not an index`,
        Code.Internal,
      );
    }
    return { part, exporterResponse: response, descriptor, manifests: fetched.json.manifests };
  }
  // A single image manifest (no attestations). BuildKit v0.13 puts the platform in the descriptor; older ones may not.
  const only = part.platforms.length === 1 ? parsePlatform(part.platforms[0]!) : undefined;
  const image =
    descriptor.platform === undefined && only !== undefined ? { ...descriptor, platform: only } : descriptor;
  return { part, exporterResponse: response, descriptor, manifests: [image] };
}

/** `containerimage.descriptor`: base64 of the JSON descriptor of what the image exporter produced. */
export function exportedDescriptor(response: Readonly<Record<string, string>>): Descriptor | undefined {
  const raw = response[EXPORTER_DESCRIPTOR];
  if (raw === undefined || raw === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64").toString("utf8"));
  } catch (cause) {
    throw new BuildkitError(`failed to read the exporter's ${EXPORTER_DESCRIPTOR}: not base64 JSON`, Code.Internal, {
      cause,
    });
  }
  const d = json as Partial<Descriptor> | null;
  if (d === null || typeof d.mediaType !== "string" || typeof d.digest !== "string" || typeof d.size !== "number") {
    throw new BuildkitError(`failed to read the exporter's ${EXPORTER_DESCRIPTOR}: not a descriptor`, Code.Internal);
  }
  return json as Descriptor;
}

function uniqueRepositories(tags: readonly ImageReference[]): Repository[] {
  const out: Repository[] = [];
  for (const t of tags) {
    if (!out.some((r) => r.registry === t.registry && r.repository === t.repository)) {
      out.push({ registry: t.registry, repository: t.repository });
    }
  }
  return out;
}

function isCancel(err: unknown): boolean {
  return err instanceof BuildkitError && err.code === Code.Canceled;
}
