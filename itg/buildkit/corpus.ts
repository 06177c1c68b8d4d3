import { mkdir, writeFile, symlink, link, chmod, mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";

/** One awkward build input: a context made on disk, and the flags to build it with. */
export interface CorpusCase {
  readonly name: string;
  readonly context: string;
  /** Absolute path of the Dockerfile (may live outside the context). */
  readonly dockerfile: string;
  readonly platforms: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  /** Secret ID -> file path. */
  readonly secretFiles?: Readonly<Record<string, string>>;
  /** Named context -> local directory, or a "docker-image://" reference. */
  readonly namedContexts?: Readonly<Record<string, string>>;
}

const both = ["linux/amd64", "linux/arm64"] as const;

async function files(root: string, entries: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(entries)) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** Makes every case under a fresh temp directory; `base` is the multi-arch base image in the local registry. */
export async function makeCorpus(base: string): Promise<CorpusCase[]> {
  const top = await mkdtemp(join(tmpdir(), "kiln-corpus-"));
  const cases: CorpusCase[] = [];

  {
    const ctx = join(top, "multistage");
    await files(ctx, {
      Dockerfile: `FROM ${base} AS build\nARG TARGETARCH\nRUN mkdir /out && uname -m > /out/arch && echo "$TARGETARCH" > /out/targetarch\nCOPY src/ /out/src/\n\nFROM ${base} AS test\nRUN echo unused stage\n\nFROM ${base}\nCOPY --from=build /out /out\nRUN cat /out/arch > /arch-again\n`,
      "src/main.txt": "hello\n",
      "src/lib/util.txt": "util\n",
    });
    cases.push({ name: "multistage-emulated", context: ctx, dockerfile: join(ctx, "Dockerfile"), platforms: both });
  }

  {
    const ctx = join(top, "heredocs");
    await files(ctx, {
      Dockerfile: `FROM ${base}\nRUN <<EOF\nset -e\nmkdir -p /app\necho "from heredoc" > /app/run.txt\nEOF\nCOPY <<EOF /app/config.ini\n[main]\nkey = value\nEOF\nCOPY <<A <<B /app/\nfirst\nA\nsecond\nB\n`,
    });
    cases.push({ name: "heredocs", context: ctx, dockerfile: join(ctx, "Dockerfile"), platforms: both });
  }

  {
    const ctx = join(top, "copy-flags");
    await files(ctx, {
      Dockerfile: `FROM ${base}\nCOPY --chmod=0755 bin/tool /usr/local/bin/tool\nCOPY --chown=1000:1000 data/ /data/\nCOPY --link assets/ /assets/\nCOPY --link --chmod=600 --chown=65534:65534 assets/a.txt /private/a.txt\n`,
      "bin/tool": "#!/bin/sh\necho tool\n",
      "data/x.txt": "x\n",
      "data/sub/y.txt": "y\n",
      "assets/a.txt": "a\n",
      "assets/b.bin": "\u0000\u0001\u0002",
    });
    cases.push({ name: "copy-flags", context: ctx, dockerfile: join(ctx, "Dockerfile"), platforms: both });
  }

  {
    const ctx = join(top, "dockerignore");
    await files(ctx, {
      "build.Dockerfile": `FROM ${base}\nCOPY . /ctx/\nRUN find /ctx | sort > /listing\n`,
      "build.Dockerfile.dockerignore":
        "**/*.log\nsecret*\n!secret-but-public.txt\nnode_modules\n**/tmp/**\n!keep/tmp/wanted.txt\n",
      ".dockerignore": "this-file-must-be-ignored-because-the-dockerfile-specific-one-wins\n",
      "app.js": "console.log(1)\n",
      "debug.log": "noise\n",
      "deep/a/b/trace.log": "noise\n",
      "secret.key": "s3cr3t\n",
      "secret-but-public.txt": "ok\n",
      "node_modules/dep/index.js": "dep\n",
      "keep/tmp/wanted.txt": "wanted\n",
      "keep/tmp/unwanted.txt": "unwanted\n",
      "this-file-must-be-ignored-because-the-dockerfile-specific-one-wins": "kept\n",
    });
    cases.push({ name: "dockerignore", context: ctx, dockerfile: join(ctx, "build.Dockerfile"), platforms: both });
  }

  {
    const ctx = join(top, "awkward-fs");
    const outside = join(top, "outside-secret.txt");
    await writeFile(outside, "never copied\n");
    await files(ctx, {
      Dockerfile: `FROM ${base}\nCOPY . /ctx/\n`,
      "unicode/naïve café.txt": "unicode\n",
      "unicode/日本語.txt": "nihongo\n",
      "unicode/Ａfullwidth.txt": "fullwidth\n",
      "unicode/😀emoji.txt": "emoji\n",
      "with space/and more spaces.txt": "spaces\n",
      "UPPER.txt": "upper\n",
      "lower.txt": "lower\n",
      "links/target.txt": "target\n",
      "hard/original.txt": "hardlinked content\n",
      "modes/setuid-tool": "#!/bin/sh\n",
      "modes/readonly.txt": "ro\n",
    });
    let deep = join(ctx, "deep");
    for (let i = 0; i < 24; i++) deep = join(deep, `level${i}`);
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, "bottom.txt"), "bottom\n");
    await symlink("target.txt", join(ctx, "links/relative-link"));
    await symlink("../links", join(ctx, "links/dir-link"));
    await symlink(outside, join(ctx, "links/outside-absolute"));
    await symlink("../../outside-secret.txt", join(ctx, "links/outside-relative"));
    await symlink("does-not-exist", join(ctx, "links/dangling"));
    await link(join(ctx, "hard/original.txt"), join(ctx, "hard/second-name.txt"));
    await link(join(ctx, "hard/original.txt"), join(ctx, "hard/z-third-name.txt"));
    await chmod(join(ctx, "modes/setuid-tool"), 0o4755);
    await chmod(join(ctx, "modes/readonly.txt"), 0o444);
    await mkdir(join(ctx, "modes/sticky-dir"));
    await chmod(join(ctx, "modes/sticky-dir"), 0o1777);
    // Nanosecond mtimes older than SOURCE_DATE_EPOCH survive rewrite-timestamp, so they reach the layer.
    await writeFile(join(ctx, "old-mtime.txt"), "old\n");
    execFileSync("touch", ["-h", "-d", "2001-02-03 04:05:06.123456789", join(ctx, "old-mtime.txt")]);
    const big = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE((i * 2654435761) >>> 0, i);
    await writeFile(join(ctx, "big.bin"), big);
    const many = join(ctx, "many");
    for (let d = 0; d < 20; d++) {
      await mkdir(join(many, `d${d}`), { recursive: true });
      await Promise.all(
        Array.from({ length: 100 }, (_, f) => writeFile(join(many, `d${d}`, `f${f}.txt`), `${d}/${f}\n`)),
      );
    }
    cases.push({ name: "awkward-fs", context: ctx, dockerfile: join(ctx, "Dockerfile"), platforms: both });
  }

  {
    const ctx = join(top, "secrets");
    const secretFile = join(top, "token.txt");
    await writeFile(secretFile, "kiln-oracle-secret-value\n");
    await files(ctx, {
      Dockerfile: `FROM ${base}\nRUN --mount=type=secret,id=token sha256sum /run/secrets/token | cut -d' ' -f1 > /token.sha256\nRUN --mount=type=secret,id=token,target=/custom/tok test -s /custom/tok\n`,
    });
    cases.push({
      name: "secrets",
      context: ctx,
      dockerfile: join(ctx, "Dockerfile"),
      platforms: ["linux/amd64"],
      secretFiles: { token: secretFile },
    });
  }

  {
    const ctx = join(top, "named-contexts");
    const extra = join(top, "named-extra");
    await files(extra, { "shared.txt": "from a named context\n", "nested/n.txt": "n\n" });
    await files(ctx, {
      Dockerfile: `FROM runtime\nCOPY --from=extra . /extra/\nCOPY local.txt /local.txt\n`,
      "local.txt": "local\n",
    });
    cases.push({
      name: "named-contexts",
      context: ctx,
      dockerfile: join(ctx, "Dockerfile"),
      platforms: both,
      namedContexts: { extra, runtime: `docker-image://${base}` },
    });
  }

  {
    const ctx = join(top, "outside-df/context");
    const dfDir = join(top, "outside-df/dockerfiles");
    await files(ctx, { "app/run.sh": "#!/bin/sh\necho run\n" });
    await files(dfDir, {
      "Release.Dockerfile": `FROM ${base}\nARG VERSION=dev\nLABEL org.opencontainers.image.version=$VERSION\nCOPY app /app\nRUN echo "$VERSION" > /version\n`,
    });
    cases.push({
      name: "dockerfile-outside-context",
      context: ctx,
      dockerfile: join(dfDir, "Release.Dockerfile"),
      platforms: both,
      buildArgs: { VERSION: "1.2.3" },
    });
  }

  return cases;
}
