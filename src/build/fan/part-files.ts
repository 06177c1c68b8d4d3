import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { RegistryClient, dockerCredentialStore, parseReference } from "../../registry/index.js";
import { messageOf } from "../../shared/message-of.js";
import { fanIn, type FanInResult } from "./fan-in.js";
import type { FanInAnnotations } from "./fan-in-annotations.js";
import { parsePartRecord, partName, type PartRecord } from "./part-record.js";
import { selectParts, type FoundPart } from "./select-parts.js";

/** Writes `DIR/<platforms>.json` through a rename, so a reader never sees half a record. Returns its path. */
export async function writePartFile(dir: string, record: PartRecord): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${partName(Object.keys(record.digests))}.json`);
  await writeFile(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
  return path;
}

/** Every `*.json` part record in `dir`; an unreadable or foreign file is an error, not skipped. */
export async function readPartDir(dir: string): Promise<FoundPart[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch (err) {
    throw new Error(`fan-in: cannot read the parts directory ${dir}: ${messageOf(err)}`);
  }
  return Promise.all(
    names.map(async (n) => {
      const source = join(dir, n);
      return { source, record: parsePartRecord(await readFile(source, "utf8"), source) };
    }),
  );
}

export interface FanInRequest {
  readonly parts: readonly FoundPart[];
  readonly tags: readonly string[];
  /** Platforms that must all be present (empty: whatever the parts hold). */
  readonly platforms: readonly string[];
  /** Parts from another commit are refused; unset, the parts must agree among themselves. */
  readonly commit?: string;
  /** Index-level annotations for the joined index ({@link fanInAnnotations}). */
  readonly annotations?: FanInAnnotations;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** Checks the tags, picks the parts ({@link selectParts}) and joins them ({@link fanIn}) with the user's credentials. */
export async function runFanIn(request: FanInRequest): Promise<FanInResult & { readonly parts: readonly FoundPart[] }> {
  if (request.tags.length === 0) throw new Error("fan-in: expected at least one tag for the joined index");
  const repos = new Set(
    request.tags.map((t) => {
      const r = parseReference(t);
      return `${r.registry}/${r.repository}`;
    }),
  );
  if (repos.size > 1) {
    throw new Error(
      `fan-in: the tags name ${[...repos].join(" and ")}: the parts are in one repository, tag only there`,
    );
  }
  const parts = selectParts(request.parts, {
    image: [...repos][0]!,
    platforms: request.platforms,
    ...(request.commit ? { commit: request.commit } : {}),
  });
  for (const p of parts)
    request.log(`part ${Object.keys(p.record.digests).join(", ")}: ${p.source} (${p.record.pushed})`);
  const registry = new RegistryClient({ credentials: dockerCredentialStore({ env: request.env }) });
  try {
    const result = await fanIn(parts, {
      tags: request.tags,
      registry,
      log: request.log,
      ...(request.annotations ? { annotations: request.annotations } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    return { ...result, parts };
  } finally {
    registry.close();
  }
}
