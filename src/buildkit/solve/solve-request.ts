import { create } from "@bufbuild/protobuf";
import { SolveRequestSchema, type SolveRequest } from "../gen/moby/buildkit/v1/control_pb.js";
import type { Exporter } from "./exporter.js";

/** A cache import or export: `type` and its attributes as BuildKit names them ("ref", "mode", "scope", ...). */
export interface CacheEntry {
  readonly type: string;
  readonly attrs: Readonly<Record<string, string>>;
}

/** Everything one solve needs, like BuildKit Go client's SolveOpt, minus the session features. */
export interface SolveDefinition {
  readonly frontend: string;
  readonly frontendAttrs: Readonly<Record<string, string>>;
  readonly exporters: readonly Exporter[];
  readonly cacheImports: readonly CacheEntry[];
  readonly cacheExports: readonly CacheEntry[];
  /** "network.host", "security.insecure". */
  readonly entitlements: readonly string[];
  /**
   * Whether the daemon keeps a build-history record of this solve (`docker buildx history`, Docker Desktop's Builds
   * view); true unless set, as with buildx. Recording is not free: when the solve ends, BuildKit writes a second
   * max-mode provenance per platform and a copy of the whole status log before Solve returns.
   */
  readonly recordHistory?: boolean;
}

/**
 * The wire request. Every exporter goes in `Exporters` (v0.13+) and the first is repeated in the deprecated
 * single-exporter fields for older daemons, as the Go client does (moby/buildkit client/solve.go). Cache imports
 * are also given to the frontend as JSON in "cache-imports", where the Dockerfile frontend reads them.
 */
export function toSolveRequest(def: SolveDefinition, ref: string, sessionId: string): SolveRequest {
  const frontendAttrs: Record<string, string> = { ...def.frontendAttrs };
  if (def.cacheImports.length > 0) {
    frontendAttrs["cache-imports"] = JSON.stringify(def.cacheImports.map((c) => ({ Type: c.type, Attrs: c.attrs })));
  }
  const exporters = def.exporters.map((e) => ({ Type: e.type, Attrs: { ...e.attrs } }));
  const first = exporters[0];
  return create(SolveRequestSchema, {
    Ref: ref,
    Session: sessionId,
    Frontend: def.frontend,
    FrontendAttrs: frontendAttrs,
    Exporters: exporters,
    ...(first ? { ExporterDeprecated: first.Type, ExporterAttrsDeprecated: first.Attrs } : {}),
    Cache: {
      Imports: def.cacheImports.map((c) => ({ Type: c.type, Attrs: { ...c.attrs } })),
      Exports: def.cacheExports.map((c) => ({ Type: c.type, Attrs: { ...c.attrs } })),
    },
    Entitlements: [...def.entitlements],
    // "Internal builds are not recorded in build history" (control.proto SolveRequest.Internal).
    Internal: def.recordHistory === false,
  });
}
