// File names are bytes on the way out too: a `type=local` export of an image whose files have names that are not
// valid UTF-8 writes them byte for byte (the receiver used to refuse the daemon's STAT packets, since protobuf-es
// checks proto3 strings as UTF-8), and the tree equals what buildctl's `--output type=local` writes for the same
// build on the same daemon (the stack's standalone BuildKit). The hardlink also caught a receiver that linked to its
// source before the source's data had arrived (ENOENT).
import { execFile } from "node:child_process";
import { lstatSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, test } from "vitest";
import { buildctlGlobalArgs, stackBuildkit } from "../helpers/buildctl-build.js";
import { loadStackEnv, type StackEnv } from "../helpers/stack-env.js";
import { runKiln } from "../standalone/kiln-pipeline.js";

const run = promisify(execFile);
const bytes = (text: string, ...tail: number[]) => Buffer.from([...Buffer.from(text), ...tail]);

// What the RUN step makes (printf's octal escapes give the raw bytes; the Dockerfile itself stays ASCII).
const DIR = bytes("d", 0xe9);
const INNER = bytes("in", 0xfe);
const FILE = bytes("f", 0xff, ...Buffer.from(".txt"));
const LINK = bytes("link", 0xfd);
const HARD = bytes("hard", 0xfc);
const DOCKERFILE = (base: string) => `FROM ${base} AS b
RUN set -e; mkdir /out; cd /out; \\
    d=$(printf 'd\\351'); f=$(printf 'f\\377.txt'); i=$(printf 'in\\376'); \\
    mkdir "$d"; printf 'inside\\n' > "$d/$i"; printf 'not UTF-8 in the name\\n' > "$f"; \\
    ln -s "$f" "$(printf 'link\\375')"; ln -s "$d/$i" plain-link; ln "$f" "$(printf 'hard\\374')"
FROM scratch
COPY --from=b /out /
`;

/** One entry of an exported tree, keyed by its path bytes (hex, so no decoding can merge two names). */
interface Entry {
  readonly kind: "dir" | "file" | "symlink";
  /** A symlink's target bytes (hex), a file's contents, or "" for a directory. */
  readonly body: string;
  /** Hard link count of a file: the hardlink must survive as one. */
  readonly links: number;
}

/** The tree under `root` as raw byte names: readdir and readlink with buffer encoding, nothing decoded. */
function tree(root: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (dir: Buffer, rel: Buffer): void => {
    for (const name of readdirSync(dir, { encoding: "buffer" })) {
      const abs = Buffer.concat([dir, bytes("/"), name]);
      const key = Buffer.concat(rel.length > 0 ? [rel, bytes("/"), name] : [name]);
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        out.set(key.toString("hex"), { kind: "dir", body: "", links: 0 });
        walk(abs, key);
      } else if (st.isSymbolicLink()) {
        out.set(key.toString("hex"), {
          kind: "symlink",
          body: readlinkSync(abs, { encoding: "buffer" }).toString("hex"),
          links: 0,
        });
      } else {
        out.set(key.toString("hex"), { kind: "file", body: readFileSync(abs, "utf8"), links: st.nlink });
      }
    }
  };
  walk(Buffer.from(root), Buffer.alloc(0));
  return out;
}

let env: StackEnv;
let context: string;

beforeAll(async () => {
  env = await loadStackEnv();
  context = await mkdtemp(join(tmpdir(), "kiln-export-non-utf8-"));
  await writeFile(join(context, "Dockerfile"), DOCKERFILE(env.KILN_BASE_IMAGE));
});

/** The fixture built by Kiln on the standalone daemon, exported as `outputs` says. */
function exportWith(outputs: string): ReturnType<typeof runKiln> {
  return runKiln({
    context,
    file: join(context, "Dockerfile"),
    platforms: "linux/amd64",
    outputs,
    provenance: "false",
    sbom: "false",
    driver: "remote",
    endpoint: env.KILN_BUILDKIT_HOST,
  });
}

test("type=local export writes names that are not UTF-8 byte for byte, as buildctl does", async () => {
  const kilnDest = await mkdtemp(join(tmpdir(), "kiln-export-non-utf8-kiln-"));
  await exportWith(`type=local,dest=${kilnDest}`);
  const kiln = tree(kilnDest);

  const hex = (...parts: Buffer[]) => Buffer.concat(parts).toString("hex");
  expect(kiln.get(hex(DIR))?.kind).toBe("dir");
  expect(kiln.get(hex(DIR, bytes("/"), INNER))).toEqual({ kind: "file", body: "inside\n", links: 1 });
  expect(kiln.get(hex(FILE))).toEqual({ kind: "file", body: "not UTF-8 in the name\n", links: 2 });
  expect(kiln.get(hex(HARD))).toEqual({ kind: "file", body: "not UTF-8 in the name\n", links: 2 });
  expect(kiln.get(hex(LINK))).toEqual({ kind: "symlink", body: hex(FILE), links: 0 });
  expect(kiln.get(hex(bytes("plain-link")))).toEqual({ kind: "symlink", body: hex(DIR, bytes("/"), INNER), links: 0 });
  expect(kiln.size).toBe(6);
  // The hardlink is one file: same inode as its source.
  expect(lstatSync(Buffer.concat([Buffer.from(kilnDest + "/"), HARD])).ino).toBe(
    lstatSync(Buffer.concat([Buffer.from(kilnDest + "/"), FILE])).ino,
  );

  // The reference client on the same daemon writes the same tree.
  const refDest = await mkdtemp(join(tmpdir(), "kiln-export-non-utf8-buildctl-"));
  await run(
    env.KILN_BUILDCTL,
    [
      ...buildctlGlobalArgs(stackBuildkit(env)),
      "build",
      "--progress=plain",
      "--frontend",
      "dockerfile.v0",
      "--local",
      `context=${context}`,
      "--local",
      `dockerfile=${context}`,
      "--opt",
      "platform=linux/amd64",
      "--output",
      `type=local,dest=${refDest}`,
    ],
    { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
  );
  expect(kiln).toEqual(tree(refDest));
}, 300_000);

// A tar export is one byte stream (BytesMessage chunks), not fsutil STAT packets: the daemon writes the names into
// the archive, and Kiln only has to keep the bytes it is sent.
test("type=tar export holds the same names byte for byte", async () => {
  const dest = join(await mkdtemp(join(tmpdir(), "kiln-export-non-utf8-tar-")), "out.tar");
  await exportWith(`type=tar,dest=${dest}`);
  const tar = readFileSync(dest);
  // Go's archive/tar puts names that are not ASCII in PAX records, byte for byte (itg/helpers/tar.ts decodes them).
  const record = (key: string, value: Buffer) => tar.includes(Buffer.concat([bytes(` ${key}=`), value, bytes("\n")]));
  for (const name of [bytes("d", 0xe9, 0x2f), Buffer.concat([DIR, bytes("/"), INNER]), FILE, HARD, LINK])
    expect(record("path", name), name.toString("hex")).toBe(true);
  expect(record("linkpath", FILE)).toBe(true); // the symlink's and the hardlink's target
  expect(record("linkpath", Buffer.concat([DIR, bytes("/"), INNER]))).toBe(true);
}, 300_000);
