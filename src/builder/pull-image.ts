import {
  DockerError,
  findPinnedImage,
  inspectImage,
  pullImage,
  type DockerHost,
  type PullOptions,
} from "../docker/index.js";
import { messageOf } from "../shared/message-of.js";
import { BuilderError } from "./docker-container/builder-error.js";
import { registryHost } from "./docker-container/container-plan.js";

export interface EnsureImageOptions extends Omit<PullOptions, "platform"> {
  /**
   * Mirrors of the image's registry ("host[:port][/path]"), tried in order before the registry itself, the way
   * buildkitd.toml `mirrors` work for builds. Docker's own `registry-mirrors` apply to Docker Hub only and are
   * the daemon owner's to set; this works with any Docker daemon and any registry.
   */
  readonly mirrors?: readonly string[];
  readonly onStep?: (step: string) => void;
}

/**
 * `image` as a mirror serves it: the registry part replaced by the mirror, Docker Hub's official images under
 * `library/`. "moby/buildkit:v0.26.3@sha256:..." through "mirror.gcr.io" is "mirror.gcr.io/moby/buildkit:v0.26.3@sha256:...".
 */
export function mirroredReference(image: string, mirror: string): string {
  const host = registryHost(image);
  let path = image.startsWith(`${host}/`) ? image.slice(host.length + 1) : image;
  if (host === "docker.io" && !path.includes("/")) path = `library/${path}`;
  return `${mirror.replace(/\/+$/, "")}/${path}`;
}

/**
 * Makes `image` available to the Docker daemon: present already, else pulled from the first mirror that has it,
 * else from its own registry. Resolves to the reference the daemon holds it under (a mirror's when pulled from
 * one); since Kiln pins images by digest, a mirror cannot hand back different content. On failure: one line,
 * "failed to pull <image>: <the registry's answer>", with what each mirror said.
 */
export async function ensureImage(host: DockerHost, image: string, options: EnsureImageOptions = {}): Promise<string> {
  const { mirrors = [], onStep, ...pull } = options;
  const call = pull.signal ? { signal: pull.signal } : {};
  // A pinned image restored from the runner cache into Docker's classic image store is known only by its alias tag.
  const present = await findPinnedImage(host, image, call);
  if (present) return present.ref;
  const tried: string[] = [];
  for (const mirror of mirrors) {
    const ref = mirroredReference(image, mirror);
    if (await inspectImage(host, ref, call)) return ref;
    onStep?.(`pulling image ${ref} (mirror ${mirror})`);
    try {
      await pullImage(host, ref, pull);
      return ref;
    } catch (err) {
      tried.push(`mirror ${mirror}: ${reasonOf(err, ref)}`);
    }
  }
  onStep?.(`pulling image ${image}`);
  try {
    await pullImage(host, image, pull);
    return image;
  } catch (err) {
    const also = tried.length > 0 ? ` (also tried ${tried.join("; ")})` : "";
    throw new BuilderError(`failed to pull ${image}: ${reasonOf(err, image)}${also}`, "image-pull", { cause: err });
  }
}

/** The daemon's reason without the "failed to pull <ref>: " pullImage puts in front of it. */
function reasonOf(err: unknown, ref: string): string {
  const message = err instanceof DockerError ? err.message : messageOf(err);
  const prefix = `failed to pull ${ref}: `;
  return (message.startsWith(prefix) ? message.slice(prefix.length) : message).replace(/\s*\n\s*/g, " ");
}
