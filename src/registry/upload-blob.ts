import { headerValue } from "./http-request.js";
import { RegistryError } from "./registry-error.js";
import type { RegistryTarget, RegistryTransport } from "./registry-transport.js";
import { statusError } from "./status-error.js";

/**
 * Uploads one blob in the two requests of a monolithic upload (distribution-spec v1.1 "Pushing a blob
 * monolithically": POST for a session, PUT of the bytes to its `Location` with `?digest=`), or, given
 * `mountFrom` (a repository on the same registry), asks for a cross-repository mount first: 201 means
 * mounted, 202 means the registry declined and opened an upload session instead.
 */
export async function uploadBlob(
  transport: RegistryTransport,
  target: { readonly registry: string; readonly repository: string },
  blob: { readonly digest: string; readonly bytes: Uint8Array; readonly mountFrom?: string },
  opts: { readonly signal: AbortSignal; readonly maxBodyBytes: number },
): Promise<"mounted" | "uploaded"> {
  const { digest, bytes, mountFrom } = blob;
  const scoped: RegistryTarget = {
    ...target,
    actions: ["pull", "push"],
    ...(mountFrom === undefined ? {} : { extraScopes: [`repository:${mountFrom}:pull`] }),
  };
  const query =
    mountFrom === undefined ? "" : `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(mountFrom)}`;
  const started = await transport.request(
    scoped,
    { method: "POST", url: `/v2/${target.repository}/blobs/uploads/${query}`, headers: { "content-length": "0" } },
    opts,
  );
  if (mountFrom !== undefined && started.status === 201) return "mounted";
  if (started.status !== 202) throw statusError(started);
  const location = headerValue(started, "location");
  if (location === undefined) throw new RegistryError("upload started without a Location", "invalid");
  // Append rather than rebuild the query: the session state in it must come back byte for byte.
  const url = new URL(location, started.url);
  url.search += `${url.search === "" ? "?" : "&"}digest=${encodeURIComponent(digest)}`;
  const done = await transport.request(
    scoped,
    { method: "PUT", url, headers: { "content-type": "application/octet-stream" }, body: bytes },
    opts,
  );
  if (done.status !== 201) throw statusError(done);
  return "uploaded";
}
