/** Platform ("os/arch[/variant]") -> image manifest digest of a pushed index, attestation manifests left out. */
export async function platformDigests(registry: string, ref: string): Promise<Map<string, string>> {
  const withoutHost = ref.slice(registry.length + 1);
  const colon = withoutHost.lastIndexOf(":");
  const repo = withoutHost.slice(0, colon);
  const tag = withoutHost.slice(colon + 1);
  const url = `http://${registry}/v2/${repo}/manifests/${tag}`;
  const response = await fetch(url, {
    headers: {
      Accept: "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json",
    },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`failed to read ${url}: HTTP ${response.status}`);
  const index = (await response.json()) as {
    manifests?: { digest: string; platform?: { os: string; architecture: string; variant?: string } }[];
  };
  const digests = new Map<string, string>();
  for (const m of index.manifests ?? []) {
    const p = m.platform;
    if (!p || p.os === "unknown") continue;
    digests.set([p.os, p.architecture, p.variant].filter(Boolean).join("/"), m.digest);
  }
  return digests;
}
