import { auth, secrets, BuildkitError, type SolveResult, type FileSyncTransfer } from "../buildkit/index.js";
import { RegistryClient, dockerCredentialStore } from "../registry/index.js";
import { PlainProgress } from "../progress/plain-progress.js";
import { BuildRecord } from "../progress/build-record.js";
import { openBuilder, type BuilderReport } from "./open-builder.js";
import { toSolveDefinition } from "./solve-options.js";
import { verifyPush, type PushedImage } from "./verify-push.js";
import type { BuildPlan } from "./plan.js";

/** Everything a finished build reports: what the action turns into outputs and a summary. */
export interface BuildOutcome {
  readonly builder: BuilderReport;
  readonly exporterResponse: Readonly<Record<string, string>>;
  /** Set when the build pushed: what the registry holds, read back and verified. */
  readonly pushed: PushedImage | undefined;
  readonly record: BuildRecord;
  readonly transfers: readonly FileSyncTransfer[];
  readonly durationMs: number;
  readonly notes: readonly string[];
}

export interface RunBuildOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Progress and notes, one line per call. */
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  readonly builderName?: string;
  /** Called once the builder is up, before solving: the action saves state for its post step here. */
  readonly onBuilder?: (report: BuilderReport) => void;
}

/** inputs -> plan -> builder -> solve (+ session) -> result: the one pipeline behind the action and the CLI. */
export async function runBuild(plan: BuildPlan, options: RunBuildOptions): Promise<BuildOutcome> {
  const started = Date.now();
  const signal = options.signal ? { signal: options.signal } : {};
  for (const w of plan.warnings) options.log(`warning: ${w}`);
  const builder = await openBuilder(plan, {
    env: options.env,
    log: options.log,
    ...signal,
    ...(options.builderName ? { builderName: options.builderName } : {}),
  });
  options.onBuilder?.(builder.report);
  const registry = new RegistryClient({ credentials: dockerCredentialStore({ env: options.env }) });
  try {
    const pieces = toSolveDefinition(plan, { imageStore: builder.imageStore }, options.env);
    for (const n of pieces.notes) options.log(n);
    if (pieces.ssh.length > 0) {
      throw new BuildkitError("ssh: forwarding SSH agents is not supported by Kiln yet", "unimplemented");
    }
    const credentials = dockerCredentialStore({ env: options.env });
    const progress = new PlainProgress(options.log);
    const record = new BuildRecord();
    const transfers: FileSyncTransfer[] = [];
    const result: SolveResult = await builder.client.solve(
      {
        ...pieces,
        attachables: [
          auth((host) => credentials.get(host)),
          ...(pieces.secrets.size > 0 ? [secrets(pieces.secrets)] : []),
        ],
      },
      {
        ...signal,
        onStatus: (s) => {
          record.add(s);
          progress.write(s);
        },
        onFileSync: (t) => transfers.push(t),
      },
    );
    const pushOutput = plan.outputs.find((o) => o.type === "image" && o.push);
    const pushedName = pushOutput && "names" in pushOutput ? pushOutput.names[0] : undefined;
    const pushed = pushedName
      ? await verifyPush(
          registry,
          pushedName,
          {
            platforms: plan.platforms,
            sbom: plan.attestations.sbom !== undefined,
            provenance: plan.attestations.provenance !== undefined,
          },
          signal,
        )
      : undefined;
    return {
      builder: builder.report,
      exporterResponse: result.exporterResponse,
      pushed,
      record,
      transfers,
      durationMs: Date.now() - started,
      notes: pieces.notes,
    };
  } finally {
    registry.close();
    await builder.client.close();
  }
}
