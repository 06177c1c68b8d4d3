import { status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import type { StatusResponse } from "../gen/moby/buildkit/v1/control_pb.js";
import type { ControlChannel } from "../control-client.js";
import type { SolveCallOptions, SolveOptions, SolveResult } from "../client.js";
import { BuildkitError, Code } from "../errors.js";
import { newId } from "../identity.js";
import { Session } from "../session/session.js";
import { toSolveRequest } from "./solve-request.js";
import { toSolveStatus, type SolveStatus } from "./solve-status.js";
import { sourceLocationOf } from "./solve-error.js";
import { fileSync } from "../file-sync/file-sync.js";
import { fileSend } from "../file-sync/file-send.js";
import { openOciLayoutCache } from "../content-store/oci-layout-cache.js";
import { messageOf } from "../../shared/message-of.js";
import { LivenessWatch, LIVENESS } from "../liveness.js";
import { describeEndpoint } from "../transport/endpoint.js";

// The solve itself: Session, Solve, Status and the liveness watch. BuildkitClient loads this module (and with it
// the session, file sync and request builders) on demand; openBuilder starts loading it while the daemon answers
// the first calls (BuildkitClient.prepareSolve).

const defaults = Object.freeze({
  /** The daemon closes Status right after the job; this only bounds a daemon that does not. */
  statusGraceMs: 5_000,
});

/**
 * With `gateway`, the solve is a client-side build (BuildKit Go client's Build): Control.Solve goes out with no
 * frontend, and `gateway` drives the frontend through LLBBridge meanwhile; the build ends when it calls Return.
 */
export async function runSolve(
  channel: ControlChannel,
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
  const connecting = session.connect(channel, group.signal).catch((err: unknown) => {
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
    (timeoutMs) => channel.unary("info", {}, { timeoutMs, signal: group.signal }),
    (silentMs, step) => {
      livenessFailure = new BuildkitError(
        `BuildKit at ${describeEndpoint(channel.endpoint)} stopped answering for ${Math.round(silentMs / 1000)} s during ${step}`,
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
  const statusDone = followStatus(channel, ref, onStatus, statusAbort.signal);
  try {
    const request = toSolveRequest({ ...options, cacheImports: localCache.cacheImports }, ref, session.id);
    if (gateway !== undefined) request.Frontend = "";
    const solving = channel.unary("solve", request, { signal: group.signal });
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
    await settleStatus(statusDone, statusAbort, callOptions.statusGraceMs ?? defaults.statusGraceMs);
    const localCacheExports = await localCache.finish(response.ExporterResponse);
    return {
      ref,
      exporterResponse: { ...response.ExporterResponse },
      ...(localCacheExports.length > 0 ? { localCacheExports } : {}),
    };
  } catch (err) {
    await settleStatus(statusDone, statusAbort, 1_000);
    if (livenessFailure !== undefined) throw livenessFailure;
    if (sessionFailure !== undefined) throw sessionFailure;
    if (gatewayFailure !== undefined) throw solveError(channel, gatewayFailure);
    if (group.signal.aborted) {
      throw new BuildkitError("solve canceled", Code.Canceled, { cause: group.signal.reason });
    }
    throw solveError(channel, err);
  } finally {
    watch.stop();
    outer?.removeEventListener("abort", onOuterAbort);
    group.abort();
    (await connecting)?.close();
    await localCache.close();
  }
}

async function followStatus(
  channel: ControlChannel,
  ref: string,
  onStatus: SolveCallOptions["onStatus"],
  signal: AbortSignal,
): Promise<void> {
  const call = await channel.serverStream("status", { Ref: ref }, { signal });
  return new Promise((resolve) => {
    call.on("data", (r: StatusResponse) => onStatus?.(toSolveStatus(r)));
    // A Status failure never fails the build: Solve's result is what counts.
    call.on("error", () => resolve());
    call.on("end", () => resolve());
  });
}

async function settleStatus(done: Promise<void>, abort: AbortController, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  abort.abort();
}

function solveError(channel: ControlChannel, err: unknown): BuildkitError {
  const se = err as Partial<ServiceError>;
  if (se.code === GrpcStatus.UNAVAILABLE || err instanceof BuildkitError) return channel.wrap("solve", err);
  const source = sourceLocationOf(se);
  const details = se.details || messageOf(err);
  // The daemon's message is kept whole, behind the prefix buildx prints: alone, a message such as "not found"
  // does not say that the build is what failed.
  const message = details.startsWith("failed to solve") ? details : `failed to solve: ${details}`;
  const { code } = channel.wrap("solve", err);
  return new BuildkitError(message, code, { cause: err, ...(source ? { source } : {}) });
}
