import { describe, expect, it } from "vitest";
import { registryHint } from "../../src/build/registry-hint.js";

// Messages as BuildKit v0.26 reports them (seen on the stack's registries through a docker-container builder).
describe("registryHint", () => {
  it("names a plain-HTTP registry and insecure-registries", () => {
    const m =
      'failed to solve: kiln-registry.test:5000/kiln/busybox:latest: failed to resolve source metadata for kiln-registry.test:5000/kiln/busybox:latest: failed to do request: Head "https://kiln-registry.test:5000/v2/kiln/busybox/manifests/latest": http: server gave HTTP response to HTTPS client';
    const hint = registryHint(m);
    expect(hint).toMatch(/^kiln-registry\.test:5000 speaks plain HTTP: add it to insecure-registries/);
  });

  it("names a registry with an untrusted certificate, insecure-registries and the CA alternative", () => {
    const m =
      'failed to push registry.corp:5443/app:1: failed to do request: Head "https://registry.corp:5443/v2/app/blobs/sha256:00": tls: failed to verify certificate: x509: certificate signed by unknown authority';
    const hint = registryHint(m);
    expect(hint).toMatch(/^registry\.corp:5443 presents a certificate the builder does not trust/);
    expect(hint).toContain("insecure-registries");
    expect(hint).toContain('[registry."registry.corp:5443"] ca = ');
  });

  it("recognises a loopback TLS registry that BuildKit spoke plain HTTP to", () => {
    const m =
      "failed to solve: failed to push 127.0.0.1:5002/itg/untrusted:t: unexpected status from HEAD request to http://127.0.0.1:5002/v2/itg/untrusted/blobs/sha256:b2: 400 Bad Request";
    const hint = registryHint(m);
    expect(hint).toMatch(/^127\.0\.0\.1:5002 answered plain HTTP with 400, so it speaks TLS/);
    expect(hint).toContain('[registry."127.0.0.1:5002"] http = false, ca = ');
    expect(hint).toContain("insecure-registries");
  });

  it("says nothing about other failures", () => {
    expect(registryHint('failed to solve: process "/bin/sh -c exit 7" did not complete successfully')).toBeUndefined();
    expect(
      registryHint("unexpected status from HEAD request to http://registry.corp/v2/x/blobs/sha256:0: 400 Bad Request"),
    ).toBeUndefined();
    expect(registryHint('Head "https://r.example/v2/": 401 Unauthorized')).toBeUndefined();
  });
});
