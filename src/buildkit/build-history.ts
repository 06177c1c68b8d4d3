import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { BuildHistoryEventType, type BuildHistoryEvent } from "./gen/moby/buildkit/v1/control_pb.js";
import type { ControlChannel } from "./control-client.js";
import type { HistoryRecord, Options } from "./client.js";

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

/** Control.ListenBuildHistory until the daemon has sent what it holds (BuildkitClient.buildHistory). */
export async function readBuildHistory(
  channel: ControlChannel,
  options: Options & { readonly ref?: string },
): Promise<HistoryRecord[]> {
  // EarlyExit: the daemon sends what it has and ends the stream instead of following new builds.
  const call = await channel.serverStream("listenBuildHistory", { Ref: options.ref ?? "", EarlyExit: true }, options);
  const records = new Map<string, HistoryRecord>();
  return new Promise((resolve, reject) => {
    call.on("data", (e: BuildHistoryEvent) => {
      const r = e.record;
      if (r === undefined) return;
      if (e.type === BuildHistoryEventType.DELETED) records.delete(r.Ref);
      else records.set(r.Ref, toHistoryRecord(r));
    });
    call.on("error", (err) => reject(channel.wrap("read BuildKit build history", err)));
    call.on("end", () => resolve([...records.values()]));
  });
}
