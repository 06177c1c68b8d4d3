import {
  BuildkitError,
  decodeCallDocument,
  OUTLINE,
  TARGETS,
  type BuildkitClient,
  type SolveCallOptions,
  type SubrequestOptions,
} from "../buildkit/index.js";
import type { CallRequest } from "../plan/plan.js";

/** The answer to `call: outline` or `call: targets`, as buildx gives it. */
export interface CallOutput {
  readonly call: "outline" | "targets";
  /** What buildx prints on stdout: the table as its printer lays it out, or with `format=json` the frontend's JSON. */
  readonly stdout: string;
  /** The frontend result's metadata as text: buildx merges it into the exporter response (and its metadata file). */
  readonly exporterResponse: Readonly<Record<string, string>>;
}

/**
 * `call: outline` / `call: targets` (buildx `--call`): one frontend subrequest in a gateway build; nothing is built,
 * exported or pushed. `builderName` words the error when the frontend does not know the request.
 */
export async function callFrontend(
  client: BuildkitClient,
  solve: SubrequestOptions,
  call: Extract<CallRequest, { name: "outline" | "targets" }>,
  options: SolveCallOptions & { readonly builderName: string },
): Promise<CallOutput> {
  const { builderName, ...callOptions } = options;
  const kind = call.name === "outline" ? OUTLINE : TARGETS;
  const metadata = await client.subrequest(solve, kind.requestId, callOptions).catch((err: unknown) => {
    throw explainUnsupportedCall(err, call.name, builderName) ?? err;
  });
  const document =
    call.name === "outline" ? decodeCallDocument(metadata, OUTLINE) : decodeCallDocument(metadata, TARGETS);
  return {
    call: call.name,
    stdout: call.format === "json" ? `${document.json}\n` : document.text,
    exporterResponse: document.metadata,
  };
}

/**
 * A frontend that predates the request (before Dockerfile 1.5 / BuildKit v0.11; Docker 26's embedded v0.13
 * answers both) says "unsupported request frontend.<name>". buildx then retries with a `docker/dockerfile` image
 * pulled from Docker Hub; Kiln says in one line what the user can change instead.
 */
export function explainUnsupportedCall(
  err: unknown,
  call: "outline" | "targets",
  builder: string,
): BuildkitError | undefined {
  const requestId = `frontend.${call}`;
  if (!(err instanceof BuildkitError) || !err.message.includes(`unsupported request ${requestId}`)) return undefined;
  return new BuildkitError(
    `call: ${call} needs a Dockerfile frontend that answers ${requestId} (BuildKit v0.11 or later, or "# syntax=docker/dockerfile:1.5" in the Dockerfile); ${builder} answered: ${err.message}`,
    err.code,
    { cause: err },
  );
}
