import type { Descriptor } from "../../registry/index.js";
import type { BuildInfo } from "../buildinfo.js";

/** Marks a JSON file as a Kiln part record, whatever it is named. */
export const PART_RECORD_KIND = "kiln.fan-out.part";

/**
 * What one fan-out leg pushed by digest, for the fan-in step to join: a plain, versioned JSON document (a file in
 * the CLI's `--fan-out DIR`, an artifact on GitHub). Version 1; a reader refuses any other version rather than
 * guess at its fields.
 */
export interface PartRecord {
  readonly kind: typeof PART_RECORD_KIND;
  readonly version: 1;
  /** `registry/repository` the leg pushed to (no tag: nothing is tagged until the fan-in). */
  readonly image: string;
  /** The commit the leg built (GITHUB_SHA, else the workspace's git HEAD); "" when neither is known. */
  readonly commit: string;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT when on GitHub; a re-run leg has a higher attempt. */
  readonly run: { readonly id: string; readonly attempt: number };
  /** ISO 8601 time the record was written: the tie-breaker between two records of one platform. */
  readonly created: string;
  /** The index (or manifest) the leg's exporter pushed. */
  readonly pushed: string;
  /** Platform -> image manifest digest. */
  readonly digests: Readonly<Record<string, string>>;
  /** Platform -> attestation manifest digest. */
  readonly attestations: Readonly<Record<string, string>>;
  /** Every manifest the leg pushed, platform images and attestation manifests, as the registry holds them. */
  readonly manifests: readonly Descriptor[];
  /** Platform -> sources the leg resolved (base images pinned), from its provenance. */
  readonly buildinfo: Readonly<Record<string, BuildInfo>>;
  readonly builder: {
    readonly driver: string;
    readonly endpoint: string;
    readonly buildkitVersion: string;
    /** Platforms the builder ran under QEMU. */
    readonly emulated: readonly string[];
  };
  /** The runner (RUNNER_NAME, RUNNER_OS, RUNNER_ARCH), or the host for the CLI. */
  readonly runner: { readonly name: string; readonly os: string; readonly arch: string };
  readonly durationMs: number;
  readonly cacheStats: { readonly cached: number; readonly total: number };
  /**
   * Which statements the leg's attestation manifests carry (read from their layers' predicate types), so the fan-in
   * checks the joined index for the same. Optional within version 1: a record written before it was added makes no
   * claim, and the fan-in then expects provenance only if the part lists attestation manifests.
   */
  readonly attested?: { readonly sbom: boolean; readonly provenance: boolean };
}

/** `linux/arm64/v8` -> `linux_arm64_v8`; several platforms joined with `-`. Safe as a file and artifact name. */
export function partName(platforms: readonly string[]): string {
  return platforms.map((p) => p.replace(/[^A-Za-z0-9.]+/g, "_")).join("-");
}

/**
 * Parses a part record, checking the fields the fan-in relies on. `source` names where it came from (a file, an
 * artifact) in the one-line error.
 */
export function parsePartRecord(text: string, source: string): PartRecord {
  const fail = (why: string): never => {
    throw new Error(`fan-in: ${source} is not a Kiln part record: ${why}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail("not JSON");
  }
  const r = json as Partial<Record<keyof PartRecord, unknown>> | null;
  if (r === null || typeof r !== "object" || r.kind !== PART_RECORD_KIND)
    fail(`expected "kind": "${PART_RECORD_KIND}"`);
  if (r!.version !== 1) fail(`expected version 1, got ${JSON.stringify(r!.version)} (written by another Kiln?)`);
  for (const key of ["image", "commit", "created", "pushed"] as const) {
    if (typeof r![key] !== "string") fail(`"${key}" is not a string`);
  }
  for (const key of ["digests", "attestations", "buildinfo", "builder", "runner", "run", "cacheStats"] as const) {
    if (typeof r![key] !== "object" || r![key] === null) fail(`"${key}" is not an object`);
  }
  if (!Array.isArray(r!.manifests)) fail(`"manifests" is not a list`);
  if (Object.keys(r!.digests as object).length === 0) fail("it names no platform");
  if (Number.isNaN(Date.parse(r!.created as string))) fail(`"created" is not a time`);
  const attested = r!.attested as Partial<Record<string, unknown>> | null | undefined;
  if (
    attested !== undefined &&
    (typeof attested !== "object" ||
      attested === null ||
      typeof attested["sbom"] !== "boolean" ||
      typeof attested["provenance"] !== "boolean")
  )
    fail(`"attested" is not {"sbom": boolean, "provenance": boolean}`);
  return json as PartRecord;
}
