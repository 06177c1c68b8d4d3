import type { UsageRecord } from "./gen/moby/buildkit/v1/control_pb.js";
import { ControlChannel } from "./control-client.js";
import type { Endpoint } from "./transport/endpoint.js";
import { formatPlatform } from "../shared/platform.js";
import type { SolveDefinition } from "./solve/solve-request.js";
import type { SolveStatus } from "./solve/solve-status.js";
import type { FileSyncTransfer } from "./file-sync/file-sync.js";
import type { Attachable } from "./session/attachable.js";
import type { LocalCacheExport } from "./content-store/oci-layout-cache.js";
import type { LivenessSettings } from "./liveness.js";
import type { CheckResult } from "./gateway/lint-result.js";
import type * as RunSolve from "./solve/run-solve.js";

/** A subrequest's solve: what a build would send, less what only a build uses. */
export type SubrequestOptions = Omit<SolveOptions, "exporters" | "cacheImports" | "cacheExports">;

export interface Options {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface BuildkitInfo {
  readonly package: string;
  readonly version: string;
  readonly revision: string;
}

export interface WorkerInfo {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
  /** "os/arch[/variant]" each. */
  readonly platforms: readonly string[];
}

export interface UsageInfo {
  readonly id: string;
  readonly sizeBytes: number;
  readonly inUse: boolean;
  readonly shared: boolean;
  readonly description: string;
  readonly recordType: string;
  readonly usageCount: number;
}

export interface PruneOptions extends Options {
  readonly all?: boolean;
  readonly filters?: readonly string[];
  readonly keepDurationMs?: number;
  readonly keepBytes?: number;
}

/** One build in the daemon's history (`docker buildx history ls`). */
export interface HistoryRecord {
  /** The solve's ref, as {@link SolveResult.ref} reports it. */
  readonly ref: string;
  readonly frontend: string;
  readonly createdAt: Date | undefined;
  /** Undefined while the build runs. */
  readonly completedAt: Date | undefined;
  readonly cachedSteps: number;
  readonly completedSteps: number;
  readonly totalSteps: number;
}

/** A whole solve: what to build and export, plus what the session serves. */
export interface SolveOptions extends SolveDefinition {
  /** Local directories by the name the frontend asks for ("context", "dockerfile", named contexts). */
  readonly localDirs: ReadonlyMap<string, string>;
  readonly sharedKey?: string;
  /** Session features beyond file sync and export: auth, secrets, ssh. */
  readonly attachables?: readonly Attachable[];
}

export interface SolveCallOptions {
  readonly signal?: AbortSignal;
  /** Called for every Status batch, always before `solve()` settles. */
  readonly onStatus?: (status: SolveStatus) => void;
  /** Called after each file sync call with what was sent, e.g. to show how much of the context was transferred. */
  readonly onFileSync?: (transfer: FileSyncTransfer) => void;
  /** How long to wait for the Status stream to end once Solve has returned. */
  readonly statusGraceMs?: number;
  /** Called with notes that do not fail the solve, e.g. a type=local cache import left out for holding no cache. */
  readonly onNote?: (message: string) => void;
  /** How the daemon's liveness is checked while solving (see {@link LIVENESS}). */
  readonly liveness?: LivenessSettings;
}

export interface SolveResult {
  readonly ref: string;
  /** Every exporter's response, merged (containerimage.digest, containerimage.descriptor, image.name, ...). */
  readonly exporterResponse: Readonly<Record<string, string>>;
  /** What each type=local cache export left in its directory (index.json entry, blobs garbage-collected). */
  readonly localCacheExports?: readonly LocalCacheExport[];
}

const defaults = Object.freeze({
  /** Info and ListWorkers answer in milliseconds; 30 s covers a daemon that is still starting. */
  unaryTimeoutMs: 30_000,
});

let solving: Promise<typeof RunSolve> | undefined;

/** The solve's modules (run-solve.ts and what it imports), loaded once, when first needed. */
function solveModule(): Promise<typeof RunSolve> {
  return (solving ??= import("./solve/run-solve.js"));
}

/** A BuildKit client speaking the Control API over gRPC, modelled on BuildKit's Go client. */
export class BuildkitClient {
  private constructor(private readonly channel: ControlChannel) {}

  static async connect(endpoint: Endpoint): Promise<BuildkitClient> {
    return new BuildkitClient(await ControlChannel.open(endpoint));
  }

  /** {@link connect} for a unix or tcp address, synchronously: the first call dials. */
  static open(endpoint: Exclude<Endpoint, { kind: "dial" }>): BuildkitClient {
    return new BuildkitClient(ControlChannel.openAddress(endpoint));
  }

  get endpoint(): Endpoint {
    return this.channel.endpoint;
  }

  async info(options: Options = {}): Promise<BuildkitInfo> {
    const r = await this.channel
      .unary("info", {}, { timeoutMs: defaults.unaryTimeoutMs, ...options })
      .catch((err: unknown) => {
        throw this.channel.wrap("get BuildKit info", err);
      });
    const v = r.buildkitVersion;
    return { package: v?.package ?? "", version: v?.version ?? "", revision: v?.revision ?? "" };
  }

  async listWorkers(options: Options = {}): Promise<WorkerInfo[]> {
    const r = await this.channel
      .unary("listWorkers", {}, { timeoutMs: defaults.unaryTimeoutMs, ...options })
      .catch((err: unknown) => {
        throw this.channel.wrap("list BuildKit workers", err);
      });
    return r.record.map((w) => ({
      id: w.ID,
      labels: w.Labels,
      platforms: w.platforms.map((p) => formatPlatform({ os: p.OS, architecture: p.Architecture, variant: p.Variant })),
    }));
  }

  async diskUsage(options: Options = {}): Promise<UsageInfo[]> {
    const r = await this.channel
      .unary("diskUsage", {}, { timeoutMs: defaults.unaryTimeoutMs, ...options })
      .catch((err: unknown) => {
        throw this.channel.wrap("read BuildKit disk usage", err);
      });
    return r.record.map(toUsage);
  }

  /** Removes build cache; resolves to what was removed. */
  async prune(options: PruneOptions = {}): Promise<UsageInfo[]> {
    const call = await this.channel.serverStream(
      "prune",
      {
        all: options.all ?? false,
        filter: [...(options.filters ?? [])],
        keepDuration: BigInt(Math.round((options.keepDurationMs ?? 0) * 1e6)),
        keepBytes: BigInt(options.keepBytes ?? 0),
      },
      options,
    );
    const removed: UsageInfo[] = [];
    return new Promise((resolve, reject) => {
      call.on("data", (r: UsageRecord) => removed.push(toUsage(r)));
      call.on("error", (err) => reject(this.channel.wrap("prune BuildKit cache", err)));
      call.on("end", () => resolve(removed));
    });
  }

  /**
   * The builds the daemon recorded (finished and running), or only `ref`'s. Solves with `recordHistory: false` are
   * not there.
   */
  async buildHistory(options: Options & { readonly ref?: string } = {}): Promise<HistoryRecord[]> {
    const { readBuildHistory } = await import("./build-history.js");
    return readBuildHistory(this.channel, options);
  }

  /**
   * Starts loading what a solve needs (session and its services, file sync, request and status codecs), so that it
   * loads while the daemon answers the first calls instead of after them. Optional: `solve()` loads it anyway.
   */
  prepareSolve(): void {
    // Node compiles an imported module before import() returns: only once the first calls are on the wire.
    void this.channel.connected().then(() => {
      solveModule().catch(() => {});
      import("./session/services.js").catch(() => {});
    });
  }

  /**
   * Runs one solve: Session, Solve and Status share one abort signal; the first failure stops the others and is
   * the error reported. Every `onStatus` call happens before the returned promise settles.
   */
  async solve(options: SolveOptions, callOptions: SolveCallOptions = {}): Promise<SolveResult> {
    return (await solveModule()).runSolve(this.channel, options, callOptions);
  }

  /**
   * BuildKit's build checks without building (buildx `--call=check`): the `frontend.lint` subrequest. The findings
   * come back only in the frontend result's metadata, never as Status warnings or in the exporter response.
   */
  async check(options: SubrequestOptions, callOptions: SolveCallOptions = {}): Promise<CheckResult> {
    const metadata = await this.subrequest(options, "frontend.lint", callOptions);
    return (await import("./gateway/lint-result.js")).decodeLintResult(metadata);
  }

  /**
   * Asks the frontend one subrequest (buildx `--call`: "frontend.lint", "frontend.outline", "frontend.targets") in a
   * client-side gateway build, and resolves to the frontend result's metadata, which holds the answer
   * (src/buildkit/gateway/ decodes each kind). Nothing is exported and no cache is read or written.
   */
  async subrequest(
    options: SubrequestOptions,
    requestId: string,
    callOptions: SolveCallOptions = {},
  ): Promise<Readonly<Record<string, Uint8Array>>> {
    // Nothing is built, so there is nothing to attest: left in, `attest:sbom` makes the Dockerfile frontend resolve
    // the scanner image before it answers.
    const frontendAttrs = Object.fromEntries(
      Object.entries(options.frontendAttrs).filter(([key]) => !key.startsWith("attest:")),
    );
    const [{ runSolve }, { frontendSubrequest }] = await Promise.all([
      solveModule(),
      import("./gateway/frontend-subrequest.js"),
    ]);
    let metadata: Readonly<Record<string, Uint8Array>> = {};
    await runSolve(
      this.channel,
      // Not recorded in the build history: buildx marks a call request internal.
      { ...options, frontendAttrs, exporters: [], cacheImports: [], cacheExports: [], recordHistory: false },
      callOptions,
      async (ref, signal) => {
        metadata = await frontendSubrequest(
          this.channel,
          ref,
          { frontend: options.frontend, frontendAttrs, requestId },
          signal,
        );
      },
    );
    return metadata;
  }

  async close(): Promise<void> {
    await this.channel.close();
  }
}

function toUsage(r: UsageRecord): UsageInfo {
  return {
    id: r.ID,
    sizeBytes: Number(r.Size),
    inUse: r.InUse,
    shared: r.Shared,
    description: r.Description,
    recordType: r.RecordType,
    usageCount: Number(r.UsageCount),
  };
}
