import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BINFMT_MISC_DIR,
  DEFAULT_BINFMT_IMAGE,
  binfmtContainerSpec,
  ensureEmulators,
  hexToEscaped,
  missingEmulators,
  nativePlatforms,
  parseBinfmtDefinition,
  parseBinfmtEntry,
  qemuArch,
  readBinfmtEntries,
  registerLine,
  type BinfmtEntry,
} from "../../src/builder/binfmt/index.js";
import { BuilderError } from "../../src/builder/docker-container/index.js";

// As /proc/sys/fs/binfmt_misc/qemu-aarch64 reads on the test stack (Debian qemu-user-static, re-registered with F).
const aarch64Entry = `enabled
interpreter /usr/bin/qemu-aarch64-static
flags: PF
offset 0
magic 7f454c460201010000000000000000000200b700
mask ffffffffffffff00fffffffffffffffffeffffff
`;
// Debian's /usr/share/binfmts/qemu-aarch64.
const aarch64Definition = `package qemu-user-static
interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P
magic \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00
offset 0
mask \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff
credentials no
fix_binary yes
preserve yes
`;

const entry = (name: string, overrides: Partial<BinfmtEntry> = {}): BinfmtEntry => ({
  name,
  enabled: true,
  interpreter: `/usr/bin/${name}-static`,
  flags: "F",
  offset: 0,
  magic: "",
  mask: "",
  ...overrides,
});

describe("qemuArch", () => {
  it.each([
    ["linux/arm64", "aarch64"],
    ["linux/arm64/v8", "aarch64"],
    ["linux/arm/v7", "arm"],
    ["linux/arm/v6", "arm"],
    ["linux/amd64", "x86_64"],
    ["linux/amd64/v3", "x86_64"],
    ["linux/386", "i386"],
    ["linux/ppc64le", "ppc64le"],
    ["linux/s390x", "s390x"],
    ["linux/riscv64", "riscv64"],
    ["linux/mips64le", "mips64el"],
    ["linux/mips64", "mips64"],
    ["linux/loong64", "loongarch64"],
    ["Linux/AArch64", "aarch64"],
    ["windows/amd64", undefined],
    ["linux/sparc", undefined],
  ])("%s -> %s", (platform, arch) => {
    expect(qemuArch(platform)).toBe(arch);
  });

  it.each(["arm64", "linux/", "linux/arm/v7/x", ""])("rejects %j", (platform) => {
    expect(() => qemuArch(platform)).toThrow(/platforms: expected "os\/arch\[\/variant\]"/);
  });
});

describe("nativePlatforms", () => {
  it.each([
    ["x64", ["linux/amd64", "linux/386"]],
    ["arm64", ["linux/arm64"]],
    ["ppc64", ["linux/ppc64le"]],
    ["sparc", []],
  ])("%s runs %j", (arch, platforms) => {
    expect(nativePlatforms(arch)).toEqual(platforms);
  });
});

describe("binfmt_misc entries and definitions", () => {
  it("parses an entry as the kernel prints it", () => {
    expect(parseBinfmtEntry("qemu-aarch64", aarch64Entry)).toEqual({
      name: "qemu-aarch64",
      enabled: true,
      interpreter: "/usr/bin/qemu-aarch64-static",
      flags: "PF",
      offset: 0,
      magic: "7f454c460201010000000000000000000200b700",
      mask: "ffffffffffffff00fffffffffffffffffeffffff",
    });
    expect(parseBinfmtEntry("x", "disabled\ninterpreter /x\nflags: \n").enabled).toBe(false);
  });

  it("parses Debian's binfmt-support definition and builds the register line with the host's binary", () => {
    const def = parseBinfmtDefinition(aarch64Definition);
    expect(def?.interpreter).toBe("/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
    expect(def?.magic).toBe(hexToEscaped("7f454c460201010000000000000000000200b700"));
    expect(def?.mask).toBe(hexToEscaped("ffffffffffffff00fffffffffffffffffeffffff"));
    expect(registerLine("qemu-aarch64", def!, "/usr/bin/qemu-aarch64-static", "CF")).toBe(
      `:qemu-aarch64:M:0:${def!.magic}:${def!.mask}:/usr/bin/qemu-aarch64-static:CF`,
    );
    expect(parseBinfmtDefinition("package x\ninterpreter /y\nextension jar\n")).toBeUndefined();
  });

  it("refuses a register line a stray colon would corrupt", () => {
    expect(() => registerLine("qemu-x", { magic: "\\x7f:", mask: "", offset: 0 }, "/q", "F")).toThrow(BuilderError);
  });
});

describe("missingEmulators", () => {
  const registered = [
    entry("qemu-aarch64", { flags: "PF" }),
    entry("qemu-arm", { interpreter: "/usr/libexec/qemu-binfmt/arm-binfmt-P", flags: "POCF" }),
    entry("qemu-riscv64", { enabled: false }),
    entry("qemu-s390x", { flags: "P" }),
    entry("ppc64le-handler", { interpreter: "/usr/local/bin/qemu-ppc64le" }),
  ];
  const amd64 = ["linux/amd64", "linux/386"];

  it.each<[string, string[], { platform: string; arch: string }[]]>([
    ["native platforms need nothing", ["linux/amd64", "linux/386", "linux/amd64/v2"], []],
    ["an enabled handler with F serves", ["linux/arm64", "linux/arm/v7", "linux/arm/v6"], []],
    ["a handler found by its interpreter's name serves", ["linux/ppc64le"], []],
    ["a disabled handler is missing", ["linux/riscv64"], [{ platform: "linux/riscv64", arch: "riscv64" }]],
    ["a handler without F is missing", ["linux/s390x"], [{ platform: "linux/s390x", arch: "s390x" }]],
    [
      "unregistered arches are missing, once per arch",
      ["linux/amd64", "linux/mips64le", "linux/loong64", "linux/loong64"],
      [
        { platform: "linux/mips64le", arch: "mips64el" },
        { platform: "linux/loong64", arch: "loongarch64" },
      ],
    ],
  ])("%s", (_name, requested, missing) => {
    expect(missingEmulators(requested, amd64, registered)).toEqual(missing);
  });

  it("on an arm64 host, amd64 needs QEMU and arm64 does not", () => {
    expect(missingEmulators(["linux/arm64", "linux/amd64"], ["linux/arm64"], [])).toEqual([
      { platform: "linux/amd64", arch: "x86_64" },
    ]);
  });

  it("rejects platforms QEMU cannot emulate", () => {
    expect(() => missingEmulators(["windows/arm64"], amd64, [])).toThrow(
      'platforms: QEMU cannot emulate "windows/arm64"',
    );
  });
});

describe("binfmt image", () => {
  it("runs the pinned tonistiigi/binfmt privileged with --install and Go arch names", () => {
    expect(DEFAULT_BINFMT_IMAGE).toMatch(/^tonistiigi\/binfmt:qemu-v[\d.]+@sha256:[0-9a-f]{64}$/);
    expect(binfmtContainerSpec(["linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/riscv64"])).toEqual({
      Image: DEFAULT_BINFMT_IMAGE,
      Cmd: ["--install", "arm64,arm,riscv64"],
      Labels: { "kiln.binfmt": "install" },
      HostConfig: { Privileged: true },
    });
    expect(binfmtContainerSpec(["linux/s390x"], "mirror.local/binfmt@sha256:" + "0".repeat(64)).Image).toBe(
      "mirror.local/binfmt@sha256:" + "0".repeat(64),
    );
  });
});

describe("ensureEmulators with a fake binfmt_misc directory", () => {
  let root: string;
  let misc: string;
  let qemuDir: string;
  let binfmtsDir: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "kiln-binfmt-"));
    misc = path.join(root, "binfmt_misc");
    qemuDir = path.join(root, "bin");
    binfmtsDir = path.join(root, "binfmts");
    for (const d of [misc, qemuDir, binfmtsDir]) await mkdir(d);
    await writeFile(path.join(misc, "register"), "");
    await writeFile(path.join(misc, "status"), "enabled\n");
    await writeFile(path.join(misc, "qemu-arm"), "enabled\ninterpreter /usr/bin/qemu-arm-static\nflags: F\n");
    await writeFile(path.join(qemuDir, "qemu-aarch64-static"), "", { mode: 0o755 });
    await writeFile(path.join(binfmtsDir, "qemu-aarch64"), aarch64Definition);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("reads entries and skips register and status", async () => {
    expect((await readBinfmtEntries(misc)).map((e) => e.name)).toEqual(["qemu-arm"]);
    expect(BINFMT_MISC_DIR).toBe("/proc/sys/fs/binfmt_misc");
  });

  it("says binfmt_misc is not mounted when the register file is absent", async () => {
    await expect(readBinfmtEntries(qemuDir)).rejects.toThrow(/binfmt_misc is not mounted at .*mount -t binfmt_misc/);
  });

  it("reports native and already-emulated platforms without writing anything", async () => {
    const report = await ensureEmulators({
      platforms: ["linux/amd64", "linux/arm/v7"],
      nativePlatforms: ["linux/amd64"],
      binfmtMiscDir: misc,
    });
    expect(report).toEqual({ native: ["linux/amd64"], emulated: ["linux/arm/v7"], installed: [] });
    expect(await readFile(path.join(misc, "register"), "utf8")).toBe("");
  });

  it("writes the register line from the host's binary and Debian's magic, then fails verification when the kernel did not take it", async () => {
    const err = await ensureEmulators({
      platforms: ["linux/arm64"],
      nativePlatforms: ["linux/amd64"],
      binfmtMiscDir: misc,
      hostQemu: { qemuDir, binfmtsDir },
      isRoot: true,
    }).catch((e: unknown) => e);
    const def = parseBinfmtDefinition(aarch64Definition)!;
    expect(await readFile(path.join(misc, "register"), "utf8")).toBe(
      `:qemu-aarch64:M:0:${def.magic}:${def.mask}:${qemuDir}/qemu-aarch64-static:CF`,
    );
    // A plain file is no kernel: nothing appears, and the check afterwards says so.
    expect(err).toMatchObject({ code: "emulator-install" });
    expect((err as Error).message).toBe(
      "QEMU handlers still unusable after installing: linux/arm64: qemu-aarch64 is not registered",
    );
  });

  it.each<[string, () => Parameters<typeof ensureEmulators>[0], RegExp]>([
    [
      "the emulator binary is missing",
      () => ({ platforms: ["linux/riscv64"], hostQemu: { qemuDir, binfmtsDir }, isRoot: true }),
      /^no QEMU emulator for linux\/riscv64 \(qemu-riscv64\): .*\/bin\/qemu-riscv64-static does not exist or is not executable: install qemu-user-static/,
    ],
    [
      "the process is not root",
      () => ({ platforms: ["linux/arm64"], hostQemu: { qemuDir, binfmtsDir }, isRoot: false }),
      /^no QEMU emulator for linux\/arm64 \(qemu-aarch64\): registering in binfmt_misc needs root/,
    ],
  ])("fails with a clear error when %s and no binfmt image is allowed", async (_name, options, message) => {
    const err = await ensureEmulators({ ...options(), nativePlatforms: ["linux/amd64"], binfmtMiscDir: misc }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BuilderError);
    expect((err as BuilderError).code).toBe("emulator-missing");
    expect((err as Error).message).toMatch(message);
  });
});
