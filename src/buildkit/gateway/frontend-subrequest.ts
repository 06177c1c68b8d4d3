import { create } from "@bufbuild/protobuf";
import { Metadata, type MethodDefinition } from "@grpc/grpc-js";
import {
  LLBBridge,
  PingRequestSchema,
  ReturnRequestSchema,
  SolveRequestSchema,
  type SolveRequest,
  type SolveResponse,
} from "../gen/moby/buildkit/v1/frontend/gateway_pb.js";
import type { ControlChannel } from "../control-client.js";
import { grpcService } from "../grpc-service.js";

const bridge = grpcService(LLBBridge);

/** The gRPC metadata key that routes an LLBBridge call to its build (moby/buildkit client/buildid/metadata.go). */
export const BUILD_ID_METADATA_KEY = "buildkit-controlapi-buildid";

/**
 * buildx asks for this cap with every `--call`: a `# syntax=` frontend the Dockerfile names then answers the
 * subrequest itself instead of the built-in one.
 */
const SUBREQUESTS_FORWARD_CAP = "moby.buildkit.frontend.subrequests+forward";

export interface FrontendSubrequest {
  readonly frontend: string;
  readonly frontendAttrs: Readonly<Record<string, string>>;
  /** The subrequest, e.g. "frontend.lint" (moby/buildkit frontend/subrequests). */
  readonly requestId: string;
}

/** Ping answers at once; the wait covers BuildKit registering the build (it gives up after 3 s itself). */
const UNARY_TIMEOUT_MS = 30_000;

/**
 * The client side of a gateway build (BuildKit Go client's Build + grpcclient): once Control.Solve has been sent
 * with no frontend and no definition, the daemon serves LLBBridge for that build on the same connection. This asks
 * the frontend for one subrequest, ends the build with an empty result (nothing is exported), and resolves to the
 * subrequest's answer: the frontend result's metadata ("result.json", "result.txt", "result.statuscode", ...).
 */
export async function frontendSubrequest(
  channel: ControlChannel,
  buildRef: string,
  request: FrontendSubrequest,
  signal: AbortSignal,
): Promise<Readonly<Record<string, Uint8Array>>> {
  const metadata = new Metadata();
  metadata.set(BUILD_ID_METADATA_KEY, buildRef);
  const call = <I, O>(method: string, message: I, timeoutMs?: number): Promise<O> =>
    channel.call(bridge[method] as MethodDefinition<I, O>, message, {
      metadata,
      signal,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });

  await call("ping", create(PingRequestSchema), UNARY_TIMEOUT_MS);
  const caps = request.frontendAttrs["frontend.caps"];
  const response = await call<SolveRequest, SolveResponse>(
    "solve",
    create(SolveRequestSchema, {
      Frontend: request.frontend,
      FrontendOpt: {
        ...request.frontendAttrs,
        "frontend.caps": caps ? `${caps},${SUBREQUESTS_FORWARD_CAP}` : SUBREQUESTS_FORWARD_CAP,
        requestid: request.requestId,
      },
      // Without these the daemon answers with a bare ref ID and no metadata.
      allowResultReturn: true,
      allowResultArrayRef: true,
    }),
  );
  // An empty result: the build ends without exporting anything.
  await call("return", create(ReturnRequestSchema, { result: {} }), UNARY_TIMEOUT_MS);
  return response.result?.metadata ?? {};
}
