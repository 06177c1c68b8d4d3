import { create } from "@bufbuild/protobuf";
import { status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import {
  BuildHistoryEventType,
  BuildHistoryRequestSchema,
  DiskUsageRequestSchema,
  InfoRequestSchema,
  ListWorkersRequestSchema,
  PruneRequestSchema,
  StatusRequestSchema,
  type BuildHistoryEvent,
  type StatusResponse,
  type UsageRecord,
} from "./gen/moby/buildkit/v1/control_pb.js";
import { ControlChannel } from "./control-client.js";
import type { Endpoint } from "./transport/endpoint.js";
import { BuildkitError, Code } from "./errors.js";
import { formatPlatform } from "../shared/platform.js";
import { newId } from "./identity.js";
import { Session } from "./session/session.js";
import { toSolveRequest, type SolveDefinition } from "./solve/solve-request.js";
import { toSolveStatus, type SolveStatus } from "./solve/solve-status.js";
import { sourceLocationOf } from "./solve/solve-error.js";
import { fileSync, type FileSyncTransfer } from "./file-sync/file-sync.js";
import { fileSend } from "./file-sync/file-send.js";
import type { Attachable } from "./session/attachable.js";
import { openOciLayoutCache, type LocalCacheExport } from "./content-store/oci-layout-cache.js";
import { messageOf } from "../shared/message-of.js";
import { LivenessWatch, LIVENESS, type LivenessSettings } from "./liveness.js";
import { describeEndpoint } from "./transport/endpoint.js";
import { frontendSubrequest } from "./gateway/frontend-subrequest.js";
import { decodeLintResult, type CheckResult } from "./gateway/lint-result.js";

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
  /** The daemon closes Status right after the job; this only bounds a daemon that does not. */
  statusGraceMs: 5_000,
});

function dateOf(t: Timestamp | undefined): Date | undefined {
  return t === undefined ? undefined : timestampDate(t);
}

function toHistoryRecord(r: NonNullable<BuildHistoryEvent["record"]>): HistoryRecord {
  return {
    ref: r.Ref,
    frontend: r.Frontend,
    createdAt: dateOf(r.CreatedAt),
    completedAt: dateOf(r.CompletedAt),
    cachedSteps: r.numCachedSteps,
    completedSteps: r.numCompletedSteps,
    totalSteps: r.numTotalSteps,
  };
}

/** A BuildKit client speaking the Control API over gRPC, modelled on BuildKit's Go client. */
export class BuildkitClient {
  private constructor(private readonly channel: ControlChannel) {}

  static async connect(endpoint: Endpoint): Promise<BuildkitClient> {
    return new BuildkitClient(await ControlChannel.open(endpoint));
  }

  get endpoint(): Endpoint {
    return this.channel.endpoint;
  }

  async info(options: Options = {}): Promise<BuildkitInfo> {
    const r = await this.channel
      .unary("info", create(InfoRequestSchema), { timeoutMs: defaults.unaryTimeoutMs, ...options })
      .catch((err: unknown) => {
        throw this.channel.wrap("get BuildKit info", err);
      });
    const v = r.buildkitVersion;
    return { package: v?.package ?? "", version: v?.version ?? "", revision: v?.revision ?? "" };
  }

  async listWorkers(options: Options = {}): Promise<WorkerInfo[]> {
    const r = await this.channel
      .unary("listWorkers", create(ListWorkersRequestSchema), { timeoutMs: defaults.unaryTimeoutMs, ...options })
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
      .unary("diskUsage", create(DiskUsageRequestSchema), { timeoutMs: defaults.unaryTimeoutMs, ...options })
      .catch((err: unknown) => {
        throw this.channel.wrap("read BuildKit disk usage", err);
      });
    return r.record.map(toUsage);
  }

  /** Removes build cache; resolves to what was removed. */
  prune(options: PruneOptions = {}): Promise<UsageInfo[]> {
    const request = create(PruneRequestSchema, {
      all: options.all ?? false,
      filter: [...(options.filters ?? [])],
      keepDuration: BigInt(Math.round((options.keepDurationMs ?? 0) * 1e6)),
      keepBytes: BigInt(options.keepBytes ?? 0),
    });
    const call = this.channel.serverStream("prune", request, options);
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
  buildHistory(options: Options & { readonly ref?: string } = {}): Promise<HistoryRecord[]> {
    // EarlyExit: the daemon sends what it has and ends the stream instead of following new builds.
    const request = create(BuildHistoryRequestSchema, { Ref: options.ref ?? "", EarlyExit: true });
    const call = this.channel.serverStream("listenBuildHistory", request, options);
    const records = new Map<string, HistoryRecord>();
    return new Promise((resolve, reject) => {
      call.on("data", (e: BuildHistoryEvent) => {
        const r = e.record;
        if (r === undefined) return;
        if (e.type === BuildHistoryEventType.DELETED) records.delete(r.Ref);
        else records.set(r.Ref, toHistoryRecord(r));
      });
      call.on("error", (err) => reject(this.channel.wrap("read BuildKit build history", err)));
      call.on("end", () => resolve([...records.values()]));
    });
  }

  /**
   * Runs one solve: Session, Solve and Status share one abort signal; the first failure stops the others and is
   * the error reported. Every `onStatus` call happens before the returned promise settles.
   */
  solve(options: SolveOptions, callOptions: SolveCallOptions = {}): Promise<SolveResult> {
    return this.run(options, callOptions);
  }

  /**
   * BuildKit's build checks without building (buildx `--call=check`): the `frontend.lint` subrequest. The findings
   * come back only in the frontend result's metadata, never as Status warnings or in the exporter response.
   */
  async check(options: SubrequestOptions, callOptions: SolveCallOptions = {}): Promise<CheckResult> {
    return decodeLintResult(await this.subrequest(options, "frontend.lint", callOptions));
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
    let metadata: Readonly<Record<string, Uint8Array>> = {};
    await this.run(
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

  /**
   * With `gateway`, the solve is a client-side build (BuildKit Go client's Build): Control.Solve goes out with no
   * frontend, and `gateway` drives the frontend through LLBBridge meanwhile; the build ends when it calls Return.
   */
  private async run(
    options: SolveOptions,
    callOptions: SolveCallOptions,
    gateway?: (ref: string, signal: AbortSignal) => Promise<void>,
  ): Promise<SolveResult> {
    const group = new AbortController();
    const outer = callOptions.signal;
    const onOuterAbort = (): void => group.abort(outer?.reason);
    if (outer?.aborted) throw new BuildkitError("solve canceled before it started", Code.Canceled);
    outer?.addEventListener("abort", onOuterAbort, { once: true });

    // type=local cache: the client serves each OCI layout directory as a session content store and records the
    // exported cache manifest in its index.json afterwards (oci-layout-cache.ts; moby/buildkit client/solve.go).
    const localCache = await openOciLayoutCache(options.cacheImports, options.cacheExports).catch((err: unknown) => {
      outer?.removeEventListener("abort", onOuterAbort);
      throw err;
    });
    for (const note of localCache.notes) callOptions.onNote?.(note);

    const ref = newId();
    const exportsToClient = options.exporters.flatMap((e, index) => ("dest" in e ? [{ index, exporter: e }] : []));
    const session = new Session({
      ...(options.sharedKey !== undefined ? { sharedKey: options.sharedKey } : {}),
      attachables: [
        fileSync(options.localDirs, callOptions.onFileSync),
        ...(exportsToClient.length > 0 ? [fileSend(exportsToClient)] : []),
        ...localCache.attachables,
        ...(options.attachables ?? []),
      ],
    });
    // Solve goes out while the session is still connecting, as buildx runs them side by side: BuildKit waits up to
    // 5 s for a session ID to appear (session/manager.go Get). A session that cannot connect cancels the solve and
    // is the error reported.
    let sessionFailure: unknown;
    const connecting = session.connect(this.channel, group.signal).catch((err: unknown) => {
      // Connecting fails on its own after a cancel too; that is reported as the cancel.
      if (!group.signal.aborted) {
        sessionFailure = err;
        group.abort(err);
      }
      return undefined;
    });

    // A daemon that stops answering fails the solve within LIVENESS.silentLimitMs instead of hanging the job.
    let livenessFailure: BuildkitError | undefined;
    const watch = new LivenessWatch(
      (timeoutMs) => this.channel.unary("info", create(InfoRequestSchema), { timeoutMs, signal: group.signal }),
      (silentMs, step) => {
        livenessFailure = new BuildkitError(
          `BuildKit at ${describeEndpoint(this.channel.endpoint)} stopped answering for ${Math.round(silentMs / 1000)} s during ${step}`,
          Code.Unavailable,
        );
        group.abort(livenessFailure);
      },
      callOptions.liveness ?? LIVENESS,
      (stalledMs, pushed) => {
        livenessFailure = new BuildkitError(
          `registry ${pushed.split("/")[0]!} did not answer the manifest push for ${pushed} within ${Math.round(stalledMs / 1000)} s`,
          Code.Unavailable,
        );
        group.abort(livenessFailure);
      },
    );
    const onStatus = (s: SolveStatus): void => {
      watch.saw(s);
      callOptions.onStatus?.(s);
    };
    let gatewayFailure: unknown;
    const statusAbort = new AbortController();
    const statusDone = this.followStatus(ref, onStatus, statusAbort.signal);
    try {
      const request = toSolveRequest({ ...options, cacheImports: localCache.cacheImports }, ref, session.id);
      if (gateway !== undefined) request.Frontend = "";
      const solving = this.channel.unary("solve", request, { signal: group.signal });
      const response =
        gateway === undefined
          ? await solving
          : (
              await Promise.all([
                solving,
                gateway(ref, group.signal).catch((err: unknown) => {
                  // The daemon holds the build open until Return: a failed gateway call must cancel it.
                  if (!group.signal.aborted) {
                    gatewayFailure = err;
                    group.abort(err);
                  }
                  throw err;
                }),
              ])
            )[0];
      await this.settleStatus(statusDone, statusAbort, callOptions.statusGraceMs ?? defaults.statusGraceMs);
      const localCacheExports = await localCache.finish(response.ExporterResponse);
      return {
        ref,
        exporterResponse: { ...response.ExporterResponse },
        ...(localCacheExports.length > 0 ? { localCacheExports } : {}),
      };
    } catch (err) {
      await this.settleStatus(statusDone, statusAbort, 1_000);
      if (livenessFailure !== undefined) throw livenessFailure;
      if (sessionFailure !== undefined) throw sessionFailure;
      if (gatewayFailure !== undefined) throw this.solveError(gatewayFailure);
      if (group.signal.aborted) {
        throw new BuildkitError("solve canceled", Code.Canceled, { cause: group.signal.reason });
      }
      throw this.solveError(err);
    } finally {
      watch.stop();
      outer?.removeEventListener("abort", onOuterAbort);
      group.abort();
      (await connecting)?.close();
      await localCache.close();
    }
  }

  private followStatus(ref: string, onStatus: SolveCallOptions["onStatus"], signal: AbortSignal): Promise<void> {
    const call = this.channel.serverStream("status", create(StatusRequestSchema, { Ref: ref }), { signal });
    return new Promise((resolve) => {
      call.on("data", (r: StatusResponse) => onStatus?.(toSolveStatus(r)));
      // A Status failure never fails the build: Solve's result is what counts.
      call.on("error", () => resolve());
      call.on("end", () => resolve());
    });
  }

  private async settleStatus(done: Promise<void>, abort: AbortController, graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    abort.abort();
  }

  private solveError(err: unknown): BuildkitError {
    const se = err as Partial<ServiceError>;
    if (se.code === GrpcStatus.UNAVAILABLE || err instanceof BuildkitError) return this.channel.wrap("solve", err);
    const source = sourceLocationOf(se);
    const details = se.details || messageOf(err);
    // The daemon's message is kept whole, behind the prefix buildx prints: alone, a message such as "not found"
    // does not say that the build is what failed.
    const message = details.startsWith("failed to solve") ? details : `failed to solve: ${details}`;
    const { code } = this.channel.wrap("solve", err);
    return new BuildkitError(message, code, { cause: err, ...(source ? { source } : {}) });
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
