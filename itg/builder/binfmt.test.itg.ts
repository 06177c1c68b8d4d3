// QEMU handlers on the real kernel (the stack runs as root): the arm64 handler is taken away, Kiln puts it back
// from the host's qemu-user-static, and the daemon then really runs an arm64 RUN step. The original
// registration is restored in afterAll whatever happens, so the rest of the suite keeps its arm64 builds.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BINFMT_MISC_DIR,
  ensureEmulators,
  hexToEscaped,
  missingEmulators,
  nativePlatforms,
  parseBinfmtEntry,
  readBinfmtEntries,
  registerBinfmt,
  registerLine,
  unregisterBinfmt,
  type BinfmtEntry,
} from "../../src/builder/binfmt/index.js";
import { BuilderError } from "../../src/builder/docker-container/index.js";
import { inspectImage, parseDockerHost } from "../../src/docker/index.js";
import { docker, loadStackEnv, type StackEnv } from "../helpers/stack-env.js";

const NAME = "qemu-aarch64";
const ENTRY = path.join(BINFMT_MISC_DIR, NAME);

async function readEntry(): Promise<BinfmtEntry | undefined> {
  const text = await readFile(ENTRY, "utf8").catch(() => undefined);
  return text === undefined ? undefined : parseBinfmtEntry(NAME, text);
}

const sameFlags = (a: string, b: string): boolean => [...a].sort().join("") === [...b].sort().join("");

describe("QEMU emulators on the real kernel", () => {
  let env: StackEnv;
  let saved: BinfmtEntry | undefined;
  let emptyDir: string;

  beforeAll(async () => {
    env = await loadStackEnv();
    saved = await readEntry();
    if (!saved?.enabled || !saved.flags.includes("F")) {
      throw new Error(`${ENTRY} should be registered with F before this test: run \`bash scripts/stack-up.sh\``);
    }
    emptyDir = await mkdtemp(path.join(tmpdir(), "kiln-itg-noqemu-"));
  });

  afterAll(async () => {
    if (emptyDir) await rm(emptyDir, { recursive: true, force: true });
    if (!saved) return;
    const current = await readEntry();
    const intact =
      current !== undefined &&
      current.enabled === saved.enabled &&
      current.interpreter === saved.interpreter &&
      sameFlags(current.flags, saved.flags) &&
      current.magic === saved.magic &&
      current.mask === saved.mask;
    if (!intact) {
      if (current) await unregisterBinfmt(NAME);
      const def = { magic: hexToEscaped(saved.magic), mask: hexToEscaped(saved.mask), offset: saved.offset };
      await registerBinfmt(registerLine(NAME, def, saved.interpreter, saved.flags));
      if (!saved.enabled) await writeFile(ENTRY, "0");
    }
    const restored = await readEntry();
    expect(restored?.interpreter).toBe(saved.interpreter);
    expect(sameFlags(restored?.flags ?? "", saved.flags)).toBe(true);
  });

  it("installs a missing arm64 handler from the host's qemu-user-static with F, and an arm64 RUN step works", async () => {
    await unregisterBinfmt(NAME);
    expect(await readEntry()).toBeUndefined();
    const requested = ["linux/amd64", "linux/arm64"];
    expect(missingEmulators(requested, nativePlatforms(), await readBinfmtEntries())).toEqual([
      { platform: "linux/arm64", arch: "aarch64" },
    ]);

    const steps: string[] = [];
    const report = await ensureEmulators({ platforms: requested, onStep: (s) => steps.push(s) });
    expect(report).toEqual({
      native: ["linux/amd64"],
      emulated: ["linux/arm64"],
      installed: [{ platform: "linux/arm64", arch: "aarch64", via: "host" }],
    });
    expect(steps).toEqual(["registering qemu-aarch64 from /usr/bin for linux/arm64"]);
    const entry = await readEntry();
    expect(entry).toMatchObject({ enabled: true, interpreter: "/usr/bin/qemu-aarch64-static", magic: saved?.magic });
    expect(entry?.flags).toContain("F");
    expect(entry?.flags).toContain("C");

    // Asking again finds it and installs nothing.
    expect((await ensureEmulators({ platforms: requested })).installed).toEqual([]);

    // The daemon really runs an arm64 binary through it.
    const ctx = await mkdtemp(path.join(tmpdir(), "kiln-itg-arm64-"));
    try {
      await writeFile(path.join(ctx, "Dockerfile"), `FROM ${env.KILN_BASE_IMAGE}\nRUN uname -m > /arch\n`);
      const out = path.join(ctx, "out");
      await docker(env, [
        "buildx",
        "build",
        "--builder",
        "default",
        "--platform",
        "linux/arm64",
        "--no-cache",
        "--output",
        `type=local,dest=${out}`,
        ctx,
      ]);
      expect(await readFile(path.join(out, "arch"), "utf8")).toBe("aarch64\n");
    } finally {
      await rm(ctx, { recursive: true, force: true });
    }
  });

  it("fails clearly, registering nothing, when the host has no emulator binary", async () => {
    await unregisterBinfmt(NAME);
    const err = await ensureEmulators({ platforms: ["linux/arm64"], hostQemu: { qemuDir: emptyDir } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BuilderError);
    expect((err as BuilderError).code).toBe("emulator-missing");
    expect((err as Error).message).toBe(
      `no QEMU emulator for linux/arm64 (qemu-aarch64): ${emptyDir}/qemu-aarch64-static does not exist or is not ` +
        "executable: install qemu-user-static on the host, or let Kiln run the binfmt image",
    );
    expect(await readEntry()).toBeUndefined();
  });

  // An image no registry has, so the pull fails here and on GitHub's runners alike (there the default pinned image
  // would be pulled from Docker Hub; real-runners.yml covers that).
  it("falls back to the binfmt image, which fails fast and by name when it cannot be pulled", async () => {
    await unregisterBinfmt(NAME);
    const host = parseDockerHost(env.DOCKER_HOST);
    const absent = `${env.KILN_REGISTRY}/kiln-itg/absent-binfmt:v0@sha256:${"0".repeat(64)}`;
    expect(await inspectImage(host, absent)).toBeUndefined();
    const started = Date.now();
    const err = await ensureEmulators({
      platforms: ["linux/arm64"],
      hostQemu: { qemuDir: emptyDir },
      image: { docker: host, image: absent, timeoutMs: 30_000 },
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(err).toBeInstanceOf(BuilderError);
    expect((err as BuilderError).code).toBe("image-pull");
    expect((err as Error).message.startsWith(`failed to pull ${absent}: `)).toBe(true);
  });
});
