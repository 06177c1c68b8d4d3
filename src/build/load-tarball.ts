import { rm } from "node:fs/promises";
import { formatDockerHost, loadImages, type DockerHost } from "../docker/index.js";

/**
 * Loads the tarball a BuildKit of Kiln's own (docker-container, remote) exported for `load` into the Docker
 * daemon, as `docker load` would (POST /images/load): an OCI archive whose index holds every platform for the
 * containerd image store, a `docker save` archive for the classic one. The tarball is removed afterwards; it can be
 * as big as the image.
 */
export async function loadTarball(
  tarball: string,
  host: DockerHost,
  options: { signal?: AbortSignal; log: (line: string) => void },
): Promise<void> {
  try {
    const { images } = await loadImages(host, tarball, options.signal ? { signal: options.signal } : {});
    options.log(`loaded ${images.join(", ") || "the image"} into the Docker daemon at ${formatDockerHost(host)}`);
  } finally {
    await rm(tarball, { force: true });
  }
}
