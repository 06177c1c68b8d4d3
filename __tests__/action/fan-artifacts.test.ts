import { describe, expect, test } from "vitest";
import { mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { tmpdir } from "node:os";
import { downloadParts, partArtifactName, uploadPart, type PartArtifacts } from "../../src/action/fan-artifacts.js";
import { PART_RECORD_KIND, selectParts, type PartRecord } from "../../src/build/fan/index.js";

/**
 * The artifact service as @actions/artifact's ArtifactClient presents it to one workflow run: a name can be
 * uploaded once per run (the service answers "an artifact with this name already exists on the workflow run").
 */
function runArtifacts(): PartArtifacts & { names(): string[] } {
  const stored = new Map<string, { id: number; files: Map<string, Buffer> }>();
  let next = 1;
  return {
    names: () => [...stored.keys()],
    uploadArtifact: async (name, files, root) => {
      if (stored.has(name)) throw new Error("an artifact with this name already exists on the workflow run");
      const contents = new Map<string, Buffer>();
      for (const f of files) contents.set(relative(root, f), await readFile(f));
      const id = next++;
      stored.set(name, { id, files: contents });
      return { id, size: [...contents.values()].reduce((n, b) => n + b.length, 0) };
    },
    listArtifacts: () =>
      Promise.resolve({
        artifacts: [...stored].map(([name, a]) => ({ name, id: a.id, size: 1 })),
      }),
    downloadArtifact: async (id, options) => {
      const found = [...stored.values()].find((a) => a.id === id);
      if (!found || !options?.path) throw new Error(`no artifact ${id}`);
      for (const [file, bytes] of found.files) {
        await mkdir(join(options.path, file, ".."), { recursive: true });
        await writeFile(join(options.path, file), bytes);
      }
      return { downloadPath: options.path };
    },
  };
}

function record(platform: string, attempt: number, image = "ghcr.io/o/app"): PartRecord {
  return {
    kind: PART_RECORD_KIND,
    version: 1,
    image,
    commit: "c1",
    run: { id: "42", attempt },
    created: new Date(Date.UTC(2026, 0, attempt)).toISOString(),
    pushed: `${image}@sha256:${"0".repeat(64)}`,
    digests: { [platform]: `sha256:${attempt}${platform.length}` },
    attestations: {},
    manifests: [],
    buildinfo: {},
    builder: { driver: "docker", endpoint: "e", buildkitVersion: "v0.20.0", emulated: [] },
    runner: { name: `runner-${platform}`, os: "Linux", arch: "ARM64" },
    durationMs: 1000,
    cacheStats: { cached: 1, total: 2 },
  };
}

describe("fan-out parts as artifacts of one run", () => {
  test("each leg uploads its part under a name carrying image, platform and attempt; the fan-in gets them back", async () => {
    const tempDir = await mkdtemp(join(tmpdir(), "kiln-fan-art-"));
    const client = runArtifacts();
    const amd = record("linux/amd64", 1);
    const arm = record("linux/arm64", 1);
    expect(await uploadPart(client, amd, { tempDir })).toBe("kiln-part-ghcr.io_o_app-linux_amd64-a1");
    await uploadPart(client, arm, { tempDir });
    await uploadPart(client, record("linux/amd64", 1, "ghcr.io/o/other"), { tempDir });
    const parts = await downloadParts(client, "ghcr.io/o/app", { tempDir });
    expect(parts.map((p) => p.record)).toEqual([amd, arm]);
    expect(parts.map((p) => p.source)).toEqual([
      "artifact kiln-part-ghcr.io_o_app-linux_amd64-a1",
      "artifact kiln-part-ghcr.io_o_app-linux_arm64-a1",
    ]);
  });

  test("a re-run leg uploads beside the failed attempt's part, and the newest attempt wins", async () => {
    const tempDir = await mkdtemp(join(tmpdir(), "kiln-fan-art-"));
    const client = runArtifacts();
    await uploadPart(client, record("linux/amd64", 1), { tempDir });
    await uploadPart(client, record("linux/arm64", 1), { tempDir });
    const rerun = record("linux/arm64", 2);
    await uploadPart(client, rerun, { tempDir });
    // The same leg uploading twice in one attempt is what the service refuses.
    await expect(uploadPart(client, record("linux/arm64", 2), { tempDir })).rejects.toThrow(/already exists/);
    const chosen = selectParts(await downloadParts(client, "ghcr.io/o/app", { tempDir }), {
      image: "ghcr.io/o/app",
      platforms: ["linux/amd64", "linux/arm64"],
    });
    expect(chosen.map((p) => p.record)).toEqual([record("linux/amd64", 1), rerun]);
    expect(partArtifactName(rerun)).toBe("kiln-part-ghcr.io_o_app-linux_arm64-a2");
  });

  test("an artifact with this image's prefix but no part file is one clear error", async () => {
    const tempDir = await mkdtemp(join(tmpdir(), "kiln-fan-art-"));
    const client = runArtifacts();
    const dir = await mkdtemp(join(tempDir, "x-"));
    await writeFile(join(dir, "other.txt"), "x");
    await client.uploadArtifact("kiln-part-ghcr.io_o_app-junk", [join(dir, "other.txt")], dir);
    await expect(downloadParts(client, "ghcr.io/o/app", { tempDir })).rejects.toThrow(
      /^fan-in: artifact kiln-part-ghcr.io_o_app-junk holds no part.json$/,
    );
  });
});
