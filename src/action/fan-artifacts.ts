import type { ArtifactClient } from "@actions/artifact";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parsePartRecord, partName, type FoundPart, type PartRecord } from "../build/fan/index.js";

/** The part of the artifact client the fan-out and fan-in use (DefaultArtifactClient in the action). */
export type PartArtifacts = Pick<ArtifactClient, "uploadArtifact" | "listArtifacts" | "downloadArtifact">;

const PART_FILE = "part.json";

/** Artifact names allow no `/ : \ " < > | * ?`; keep letters, digits, `.`, `_` and `-`. */
const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, "_");

/** `kiln-part-<image>-` : every part of one image in this run starts with it. */
export function partArtifactPrefix(image: string): string {
  return `kiln-part-${safe(image)}-`;
}

/**
 * `kiln-part-<image>-<platforms>-a<attempt>`. The run attempt is in the name because an artifact name can be
 * uploaded once per workflow run: a re-run leg ("Re-run failed jobs") adds its part beside the failed attempt's,
 * and the fan-in takes the newest.
 */
export function partArtifactName(record: PartRecord): string {
  return `${partArtifactPrefix(record.image)}${partName(Object.keys(record.digests))}-a${record.run.attempt}`;
}

/** Uploads a leg's part record as one small artifact; returns the artifact's name. */
export async function uploadPart(
  client: PartArtifacts,
  record: PartRecord,
  options: { readonly tempDir: string },
): Promise<string> {
  const dir = await mkdtemp(join(options.tempDir, "kiln-part-"));
  const file = join(dir, PART_FILE);
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  const name = partArtifactName(record);
  // A part is kept as long as the run's other artifacts; it is only read by this run's fan-in.
  await client.uploadArtifact(name, [file], dir);
  return name;
}

/**
 * Downloads every part of `image` uploaded in this workflow run, from every attempt (the fan-in picks the newest
 * per platform), each into its own directory.
 */
export async function downloadParts(
  client: PartArtifacts,
  image: string,
  options: { readonly tempDir: string },
): Promise<FoundPart[]> {
  const prefix = partArtifactPrefix(image);
  const { artifacts } = await client.listArtifacts();
  const mine = artifacts.filter((a) => a.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
  const root = await mkdtemp(join(options.tempDir, "kiln-parts-"));
  return Promise.all(
    mine.map(async (artifact) => {
      const path = join(root, String(artifact.id));
      await mkdir(path, { recursive: true });
      await client.downloadArtifact(artifact.id, { path });
      const files = await readdir(path);
      const source = `artifact ${artifact.name}`;
      if (!files.includes(PART_FILE)) throw new Error(`fan-in: ${source} holds no ${PART_FILE}`);
      return { source, record: parsePartRecord(await readFile(join(path, PART_FILE), "utf8"), source) };
    }),
  );
}
