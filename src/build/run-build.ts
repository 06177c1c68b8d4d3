import type { BuildkitClient } from "../buildkit/index.js";
import {
  BuildkitError,
  Code,
  type CheckResult,
  type SolveOptions,
  type SolveResult,
  type SolveStatus,
  type FileSyncTransfer,
} from "../buildkit/index.js";
import {
  buildOnNodes,
  connectNodes,
  describePart,
  openBuilder,
  planNodes,
  type BuilderReport,
  type Preconnection,
} from "../builder/index.js";
import { statSync } from "node:fs";
import type { SshSpec } from "../plan/plan.js";
import { RegistryClient, dockerCredentialStore } from "../registry/index.js";
import { PlainProgress } from "../progress/plain-progress.js";
import { BuildRecord } from "../progress/build-record.js";
import { toSolveDefinition } from "../plan/solve-definition.js";
import { ghaCacheWarning, usesGhaCache } from "../plan/cache/gha-buildkit-version.js";
import { checkCacheExportsForStore } from "../plan/cache/store-cache-rules.js";
import { INPUT_NAMES } from "../plan/inputs.js";
import type { PushedImage } from "./verify-push.js";
import { EarlyReadBack } from "./early-read-back.js";
import { registryHostsFor } from "./registry-hosts.js";
import { loadTarball } from "./load-tarball.js";
import { callFrontend, type CallOutput } from "./run-call.js";
import type { BuildPlan } from "../plan/plan.js";

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
  /** The Docker Engine's version when the builder is its embedded BuildKit (which may report "v0.0.0+unknown"). */
  readonly dockerEngineVersion?: string;
  /** Set for `call: outline|targets`: the answer, which the entry point prints (buildx writes it to stdout). */
  readonly call?: CallOutput;
}

export interface RunBuildOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Progress and notes, one line per call. */
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  readonly builderName?: string;
  /** A remote builder connection opened before planning (see {@link Preconnection}). */
  readonly preconnected?: Preconnection;
  /**
   * Warnings about the builder for this plan (one line each, e.g. a gha cache on a BuildKit older than v0.20); the
   * action makes them annotations. Default: `log("warning: ...")`.
   */
  readonly onWarning?: (message: string, source?: WarningSource) => void;
  /** Called once the builder is up, before solving: the action saves state for its post step here. */
  readonly onBuilder?: (report: BuilderReport) => void;
  /** Renders progress instead of the plain lines through `log` (the CLI's `--progress quiet|rawjson`). */
  readonly onStatus?: (status: SolveStatus) => void;
  /** Called as soon as this run creates a BuildKit container, before it is ready: the post step must remove it. */
  readonly onContainerCreated?: (containerName: string) => void;
  /** Where the steps are recorded; given by a caller that wants them when the build fails (the failing step's log). */
  readonly record?: BuildRecord;
}

/** Where a BuildKit warning points: the file as the daemon names it ("Dockerfile") and its 1-based lines. */
export interface WarningSource {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** inputs -> plan -> builder -> solve (+ session) -> result: the one pipeline behind the action and the CLI. */
export async function runBuild(plan: BuildPlan, options: RunBuildOptions): Promise<BuildOutcome> {
  const started = Date.now();
  const signal = options.signal ? { signal: options.signal } : {};
  const warn = options.onWarning ?? ((m: string) => options.log(`warning: ${m}`));
  for (const w of plan.warnings) warn(w);
  const builder = await openBuilder(plan.builder, plan.platforms, {
    env: options.env,
    log: options.log,
    ...signal,
    ...(options.builderName ? { builderName: options.builderName } : {}),
    ...(options.onContainerCreated ? { onContainerCreated: options.onContainerCreated } : {}),
    ...(options.preconnected ? { preconnected: options.preconnected } : {}),
    loadsImages: plan.outputs.some((o) => o.type === "load"),
  });
  options.onBuilder?.(builder.report);
  // The Engine's version comes with the /info the builder already fetched: checking a gha cache against the
  // embedded BuildKit (which may report "v0.0.0+unknown") costs no request of its own.
  if (usesGhaCache([...plan.cacheFrom, ...plan.cacheTo])) {
    const warning = ghaCacheWarning({
      buildkit: builder.report.buildkitVersion,
      dockerEngine: builder.dockerEngineVersion,
    });
    if (warning) warn(warning);
  }
  // One store for both: the daemon's pushes (session Auth) and Kiln's own reads, so each registry's credentials are
  // looked up (and a credential helper run) once.
  const credentials = dockerCredentialStore({ env: options.env });
  // Kiln reads a push back from where the daemon put it, reaching each registry the way the daemon was told to.
  const registry = new RegistryClient({ credentials, hosts: registryHostsFor(plan.builder) });
  try {
    // Which image store the Docker daemon uses is known only now that the builder is open.
    checkCacheExportsForStore(plan.builder.driver, builder.imageStore, plan.cacheTo, INPUT_NAMES.cacheTo);
    const pieces = toSolveDefinition(plan, { imageStore: builder.imageStore }, options.env);
    for (const n of pieces.notes) options.log(n);
    const agents = sshSockets(pieces.ssh);
    const plain = options.onStatus ? undefined : new PlainProgress(options.log);
    const progress = options.onStatus ?? ((s: SolveStatus) => plain?.write(s));
    const record = options.record ?? new BuildRecord();
    const warned = new Set<string>();
    const transfers: FileSyncTransfer[] = [];
    // Already loading since the builder's first calls went out (BuildkitClient.prepareSolve).
    const { auth, secrets, sshAgents } = await import("../buildkit/session/services.js");
    const solve = {
      ...pieces,
      attachables: [
        auth((host) => credentials.get(host)),
        ...(pieces.secrets.size > 0 ? [secrets(pieces.secrets)] : []),
        ...(agents.size > 0 ? [sshAgents(agents)] : []),
      ],
    };
    const pushOutput = plan.outputs.find((o) => o.type === "image" && o.push);
    const pushedNames = pushOutput && "names" in pushOutput ? pushOutput.names : [];
    // Reading a push back is the first thing after the solve: its modules load while the daemon builds.
    const reading = pushedNames.length > 0 ? import("./read-back.js") : undefined;
    reading?.catch(() => {});
    const expectations = {
      platforms: plan.platforms,
      sbom: plan.attestations.sbom !== undefined,
      provenance: plan.attestations.provenance !== undefined,
    };
    const byDigest = pushOutput !== undefined && "attrs" in pushOutput && pushOutput.attrs["push-by-digest"] === "true";
    const readPush = async (
      digest: string | undefined,
      warnings: (message: string) => void,
      attestationManifests: readonly string[] = [],
    ): Promise<PushedImage> =>
      (await (reading ?? import("./read-back.js"))).readBack(registry, pushedNames, digest, expectations, {
        ...signal,
        warn: warnings,
        byDigest,
        attestationManifests,
      });
    // With nodes, each node pushes its part and Kiln merges the index: only a single builder's push is read early.
    const early = plan.nodes.length === 0 ? new EarlyReadBack(pushedNames, readPush) : undefined;
    const onStatus = (s: SolveStatus): void => {
      record.add(s);
      progress(s);
      early?.observe(s);
      // Build checks (Dockerfile lint) arrive once per platform: the user sees each finding once.
      for (const w of s.warnings) {
        const source =
          w.filename && w.lines ? { file: w.filename, startLine: w.lines.start, endLine: w.lines.end } : undefined;
        const key = `${w.short}\0${source?.file}\0${source?.startLine}`;
        if (warned.has(key)) continue;
        warned.add(key);
        warn(w.short, source);
      }
    };
    // What a build and a call both report once the daemon is done.
    const finish = async (
      result: Pick<BuildOutcome, "exporterResponse" | "pushed" | "call">,
    ): Promise<BuildOutcome> => {
      const workers = await builder.workers.catch(() => []);
      return {
        builder: { ...builder.report, platforms: [...new Set(workers.flatMap((w) => w.platforms))] },
        ...result,
        record,
        transfers,
        durationMs: Date.now() - started,
        notes: pieces.notes,
        ...(builder.dockerEngineVersion ? { dockerEngineVersion: builder.dockerEngineVersion } : {}),
      };
    };
    if (plan.call.name !== "build") {
      const version = builder.dockerEngineVersion
        ? `Docker ${builder.dockerEngineVersion}'s embedded BuildKit`
        : `BuildKit ${builder.report.buildkitVersion}`;
      const callOptions = { ...signal, onStatus, onFileSync: (t: FileSyncTransfer) => transfers.push(t) };
      let call: CallOutput | undefined;
      try {
        if (plan.call.name === "check") {
          const checked = await builder.client.check(solve, callOptions).catch((err: unknown) => {
            throw checkUnsupported(err, version) ?? err;
          });
          reportCheck(checked, warn, options.log);
        } else call = await callFrontend(builder.client, solve, plan.call, { ...callOptions, builderName: version });
      } finally {
        plain?.end();
      }
      return finish({ exporterResponse: call?.exporterResponse ?? {}, pushed: undefined, ...(call ? { call } : {}) });
    }
    let result: Pick<SolveResult, "exporterResponse">;
    try {
      result =
        plan.nodes.length > 0
          ? await solveOnNodes(plan, solve, builder.client, registry, { ...signal, onStatus, log: options.log })
          : await builder.client.solve(solve, {
              ...signal,
              onStatus,
              onFileSync: (t) => transfers.push(t),
              onNote: options.log,
            });
    } finally {
      // On failure too: the failed step's last line may lack its newline.
      plain?.end();
    }
    if (pieces.loadTarball !== undefined && builder.loadHost !== undefined) {
      await loadTarball(pieces.loadTarball, builder.loadHost, { ...signal, log: options.log });
    }
    const digest = result.exporterResponse["containerimage.digest"];
    const pushed =
      pushedNames.length > 0 ? ((await early?.resultFor(digest, warn)) ?? (await readPush(digest, warn))) : undefined;
    return finish({ exporterResponse: result.exporterResponse, pushed });
  } finally {
    registry.close();
    await builder.client.close();
  }
}

/**
 * The Dockerfile frontend built into BuildKit before v0.14 (Docker 26's embedded one among them) has no build checks
 * and answers "unsupported request frontend.lint": said as what the user can change.
 */
function checkUnsupported(err: unknown, version: string): BuildkitError | undefined {
  if (!(err instanceof BuildkitError) || !/unsupported request frontend\.lint/.test(err.message)) return undefined;
  return new BuildkitError(
    `call: check needs a Dockerfile frontend with build checks (BuildKit v0.14 or later, or "# syntax=docker/dockerfile:1.8" in the Dockerfile); ${version} answered: ${err.message}`,
    err.code,
    { cause: err },
  );
}

/**
 * `call: check`: each finding a warning with its file and lines, then, as buildx exits with the check's status code
 * (1 when there is a finding), a failure naming how many there were. A Dockerfile the frontend cannot check fails
 * with its error and line.
 */
function reportCheck(
  checked: CheckResult,
  warn: (message: string, source?: WarningSource) => void,
  log: (line: string) => void,
): void {
  for (const f of checked.findings) {
    const where = f.location;
    warn(
      `${f.rule}: ${f.detail || f.description}${f.url ? ` (${f.url})` : ""}`,
      where ? { file: where.file, startLine: where.startLine, endLine: where.endLine } : undefined,
    );
  }
  if (checked.error) {
    const where = checked.error.location;
    throw new BuildkitError(`check failed: ${checked.error.message}`, Code.InvalidArgument, {
      ...(where ? { source: { filename: where.file, startLine: where.startLine, endLine: where.endLine } } : {}),
    });
  }
  const n = checked.findings.length;
  if (n === 0 && checked.statusCode === 0) {
    log("Check complete, no warnings found.");
    return;
  }
  throw new BuildkitError(
    n === 0
      ? `check failed with status ${checked.statusCode}`
      : `check complete, ${n === 1 ? "1 warning has" : `${n} warnings have`} been found`,
    Code.InvalidArgument,
  );
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

/**
 * Builds each platform on its node (the rest on the driver's builder), each pushed by digest, then joins them in one
 * index under the tags. The exporter response is the merged index's, as a single solve would report it.
 */
async function solveOnNodes(
  plan: BuildPlan,
  solve: SolveOptions,
  fallback: BuildkitClient,
  registry: RegistryClient,
  options: { signal?: AbortSignal; onStatus: (s: SolveStatus) => void; log: (line: string) => void },
): Promise<Pick<SolveResult, "exporterResponse">> {
  const nodePlan = planNodes(plan.platforms, plan.nodes);
  for (const unused of nodePlan.unused)
    options.log(`warning: nodes: ${unused.endpoint} builds none of the requested platforms`);
  const tags = plan.outputs.flatMap((o) => (o.type === "image" && o.push ? o.names : []));
  for (const part of nodePlan.parts) options.log(`building ${part.platforms.join(", ")} on ${describePart(part)}`);
  const clients = await connectNodes(nodePlan, fallback, plan.builder.tls ? { tls: plan.builder.tls } : {});
  try {
    const { exporters, ...rest } = solve; // each node exports by digest instead
    const result = await buildOnNodes({
      plan: nodePlan,
      clientFor: (part) => clients.clientFor(part),
      solve: rest,
      tags,
      registry,
      ...(options.signal ? { signal: options.signal } : {}),
      onStatus: (_part, s) => options.onStatus(s),
    });
    return {
      exporterResponse: { "containerimage.digest": result.index.descriptor.digest, "image.name": tags.join(",") },
    };
  } finally {
    await clients.close();
  }
}
