import { auth, secrets, sshAgents, BuildkitError, type SolveResult, type FileSyncTransfer } from "../buildkit/index.js";
import { statSync } from "node:fs";
import type { SshSpec } from "./plan.js";
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
    const agents = sshSockets(pieces.ssh);
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
          ...(agents.size > 0 ? [sshAgents(agents)] : []),
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

/**
 * SSH IDs to agent sockets. Kiln forwards agents, not key files: a key would need an agent implemented in-process,
 * so a key file path is refused with a hint to load it into ssh-agent.
 */
function sshSockets(specs: readonly SshSpec[]): Map<string, string> {
  const sockets = new Map<string, string>();
  for (const spec of specs) {
    const path = spec.paths[0];
    if (path === undefined) continue;
    let isSocket = false;
    try {
      isSocket = statSync(path).isSocket();
    } catch {
      throw new BuildkitError(
        `ssh: expected an SSH agent socket for "${spec.id}", got "${path}", which does not exist`,
        "invalid-argument",
      );
    }
    if (!isSocket) {
      throw new BuildkitError(
        `ssh: expected an SSH agent socket for "${spec.id}", got the file "${path}": load keys with ssh-add and pass the agent (SSH_AUTH_SOCK)`,
        "invalid-argument",
      );
    }
    sockets.set(spec.id, path);
  }
  return sockets;
}
