import { createHash } from "node:crypto";
import { uniqueTag, type StackEnv } from "./stack-env.js";
import { getManifest, parseReference, type ImageIndex, type ImageManifest } from "./registry-http.js";

/**
 * Pushes a multi-platform index of its own (the base image's platform manifests, plus an annotation that makes
 * its digest unique) to the local registry, and returns it pinned as `name:tag@digest`, like the BuildKit image.
 * The daemon does not have it yet. `repository` keeps tests from sharing one.
 */
export async function pushUniqueIndex(env: StackEnv, repository: string): Promise<string> {
  const base = parseReference(env.KILN_BASE_IMAGE);
  const from = { registry: base.registry, repository: base.repository };
  const tag = uniqueTag("idx");
  const registry = `http://${base.registry}/v2/${repository}`;
  const { body: index } = await getManifest<ImageIndex>(from, base.tag);
  for (const desc of index.manifests) {
    const manifest = await getManifest<ImageManifest>(from, desc.digest);
    for (const blob of [manifest.body.config, ...manifest.body.layers]) {
      const mounted = await fetch(`${registry}/blobs/uploads/?mount=${blob.digest}&from=${base.repository}`, {
        method: "POST",
      });
      if (mounted.status !== 201) throw new Error(`mount ${blob.digest}: HTTP ${mounted.status}`);
    }
    const put = await fetch(`${registry}/manifests/${desc.digest}`, {
      method: "PUT",
      headers: { "content-type": manifest.mediaType },
      body: manifest.raw,
    });
    if (!put.ok) throw new Error(`put manifest ${desc.digest}: HTTP ${put.status}`);
  }
  const mediaType = "application/vnd.oci.image.index.v1+json";
  const body = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: index.manifests,
      annotations: { "org.opencontainers.image.description": tag },
    }),
  );
  const put = await fetch(`${registry}/manifests/${tag}`, {
    method: "PUT",
    headers: { "content-type": mediaType },
    body,
  });
  if (!put.ok) throw new Error(`put index: HTTP ${put.status}`);
  return `${base.registry}/${repository}:${tag}@sha256:${createHash("sha256").update(body).digest("hex")}`;
}
