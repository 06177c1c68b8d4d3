// RegistryClient with `insecure` hosts (the `insecure-registries` input) against the stack's real registries: it asks
// each host once whether it speaks TLS and then reads as BuildKit's http+insecure resolver does.
import { beforeAll, describe, expect, it } from "vitest";
import { RegistryClient } from "../../src/registry/index.js";
import { loadStackEnv, type StackEnv } from "../helpers/stack-env.js";
import { parseReference } from "../helpers/registry-http.js";

let env: StackEnv;
beforeAll(async () => {
  env = await loadStackEnv();
});

describe("insecure registry hosts", () => {
  it("reads over TLS without verifying from a registry whose CA Node does not know, and plain HTTP from a non-loopback name", async () => {
    const base = parseReference(env.KILN_BASE_IMAGE);
    // The plain alias holds the base image; the TLS registry answers a tag it does not have.
    const alias = `${env.KILN_REGISTRY_ALIAS}/${base.repository}:${base.tag}`;
    const client = new RegistryClient({
      hosts: { [env.KILN_REGISTRY_ALIAS]: { insecure: true }, [env.KILN_TLS_REGISTRY]: { insecure: true } },
    });
    try {
      const viaAlias = await client.getManifest(alias);
      expect(viaAlias.digest).toMatch(/^sha256:/);
      // A tag the TLS registry does not have: "not found" over TLS, not a TLS or protocol error.
      const missing = await client.headManifest(`${env.KILN_TLS_REGISTRY}/itg/absent:none`);
      expect(missing).toBeUndefined();
    } finally {
      client.close();
    }
  });

  it("without insecure, the same TLS registry on loopback is spoken to in plain HTTP and refuses", async () => {
    const client = new RegistryClient({});
    try {
      await expect(client.headManifest(`${env.KILN_TLS_REGISTRY}/itg/absent:none`)).rejects.toThrow(
        /http:\/\/127\.0\.0\.1:5002 answered with something that is not HTTP.*want https/,
      );
    } finally {
      client.close();
    }
  });
});
