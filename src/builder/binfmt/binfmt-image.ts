import {
  containerLogs,
  createContainer,
  removeContainer,
  startContainer,
  waitContainer,
  type ContainerCreateBody,
  type DockerHost,
} from "../../docker/index.js";
import { BuilderError } from "../docker-container/builder-error.js";
import { ensureImage } from "../pull-image.js";
import { platformParts } from "./qemu-arch.js";

/**
 * tonistiigi/binfmt with QEMU 10.2.3 (what docker/setup-qemu-action runs, there as `:latest`), pinned by the
 * digest that public workflows pin for this tag; it could not be resolved from this project's machines, which
 * do not reach Docker Hub. Overridable (setup-qemu-action's `image` input).
 */
export const DEFAULT_BINFMT_IMAGE =
  "tonistiigi/binfmt:qemu-v10.2.3@sha256:400a4873b838d1b89194d982c45e5fb3cda4593fbfd7e08a02e76b03b21166f0";

/**
 * The container that installs handlers: `docker run --privileged tonistiigi/binfmt --install arm64,riscv64`.
 * The image mounts binfmt_misc itself when needed and registers `qemu-<arch>` with flags "CF"
 * (cmd/binfmt/main.go); it takes Go architecture names.
 */
export function binfmtContainerSpec(
  platforms: readonly string[],
  image: string = DEFAULT_BINFMT_IMAGE,
): ContainerCreateBody {
  const archs = [...new Set(platforms.map((p) => platformParts(p).architecture))];
  return {
    Image: image,
    Cmd: ["--install", archs.join(",")],
    Labels: { "kiln.binfmt": "install" },
    HostConfig: { Privileged: true },
  };
}

export interface BinfmtImageOptions {
  readonly image?: string;
  /** Mirrors of the image's registry, tried first (`registry-mirrors`). */
  readonly mirrors?: readonly string[];
  readonly signal?: AbortSignal;
  /** Bound on the pull and on the run; the install itself takes about a second. */
  readonly timeoutMs?: number;
}

/** Runs the binfmt image once and removes it; resolves to its output (it reports per-arch failures there). */
export async function installWithImage(
  docker: DockerHost,
  platforms: readonly string[],
  options: BinfmtImageOptions = {},
): Promise<string> {
  const body = binfmtContainerSpec(platforms, options.image);
  const call = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  const image = await ensureImage(docker, body.Image, {
    ...call,
    ...(options.mirrors ? { mirrors: options.mirrors } : {}),
  });
  const id = await createContainer(docker, { ...body, Image: image }, call);
  try {
    await startContainer(docker, id, call);
    const code = await waitContainer(docker, id, call);
    const logs = await containerLogs(docker, id, call);
    if (code !== 0) {
      throw new BuilderError(`${body.Image} exited with code ${code}: ${logs.trim()}`, "emulator-install");
    }
    return logs;
  } finally {
    await removeContainer(docker, id, { force: true }).catch(() => undefined);
  }
}
