import { createCipheriv } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The shape issue 3 asks for: 10,000 files, ~370 MB. */
export const contextShape = Object.freeze({
  smallFiles: 9_990,
  /** Small files per directory: 90 directories of 111 files, so no directory is unusually wide. */
  smallPerDir: 111,
  /** 0..1023 bytes each, ~5 MB in all. */
  smallMaxBytes: 1_024,
  largeFiles: 10,
  /** 36.5 MB each: with the small files, ~370 MB. */
  largeBytes: 36_500_000,
});

export interface ContextFixture {
  /** The build context: exactly `smallFiles + largeFiles` regular files. */
  readonly context: string;
  /** A directory holding only the Dockerfile, outside the context so the context stays 10,000 files. */
  readonly dockerfileDir: string;
  readonly dockerfile: string;
  readonly files: number;
  readonly bytes: number;
  /** One small file the incremental runs rewrite. */
  readonly mutable: string;
}

/**
 * Deterministic pseudo-random bytes: AES-256-CTR over zeros with a fixed key. Incompressible like real binaries,
 * fast (GB/s), and the same on every run, so runs of the bench build the same content.
 */
function keystream(seed: number): (n: number) => Buffer {
  const key = Buffer.alloc(32, seed & 0xff);
  key.writeUInt32BE(seed >>> 0, 0);
  const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
  return (n) => cipher.update(Buffer.alloc(n));
}

/** Writes the 10,000-file context and a `FROM $BASE` + `COPY . /ctx` Dockerfile under `root`. */
export async function writeContextFixture(root: string): Promise<ContextFixture> {
  const context = join(root, "context");
  const dockerfileDir = join(root, "dockerfile");
  await mkdir(dockerfileDir, { recursive: true });
  const dockerfile = join(dockerfileDir, "Dockerfile");
  await writeFile(dockerfile, "ARG BASE\nFROM ${BASE}\nCOPY . /ctx\n");
  const random = keystream(370);
  let files = 0;
  let bytes = 0;
  const s = contextShape;
  for (let d = 0; d * s.smallPerDir < s.smallFiles; d++) {
    const dir = join(context, "src", `d${String(d).padStart(3, "0")}`);
    await mkdir(dir, { recursive: true });
    const inDir = Math.min(s.smallPerDir, s.smallFiles - d * s.smallPerDir);
    await Promise.all(
      Array.from({ length: inDir }, (_, f) => {
        const size = random(2).readUInt16BE(0) % s.smallMaxBytes;
        files++;
        bytes += size;
        return writeFile(join(dir, `f${String(f).padStart(3, "0")}.bin`), random(size));
      }),
    );
  }
  const large = join(context, "large");
  await mkdir(large, { recursive: true });
  for (let i = 0; i < s.largeFiles; i++) {
    await writeFile(join(large, `blob-${String(i).padStart(2, "0")}.bin`), random(s.largeBytes));
    files++;
    bytes += s.largeBytes;
  }
  return { context, dockerfileDir, dockerfile, files, bytes, mutable: join(context, "src", "d000", "f000.bin") };
}

/** Rewrites the mutable file with content unique to `tag`, so the next build has exactly one changed file. */
export async function touchOneFile(fixture: ContextFixture, tag: string): Promise<void> {
  await writeFile(fixture.mutable, `changed ${tag} ${Date.now()}\n`);
}
