import { describe, expect, test } from "vitest";
import { parseCacheSpec, type CacheEnv } from "../../src/plan/cache/parse-cache-spec.js";
import { parseOutput } from "../../src/plan/outputs/parse-outputs.js";
import { InputError } from "../../src/plan/input-error.js";

const CACHE_ENV: CacheEnv = {
  workspace: "/ws",
  gha: { version: 2, urlV2: "http://results", url: "http://cache", token: "tok" },
  ghaScope: "main",
  aws: {},
  azure: {},
};
const OUT_ENV = { workspace: "/ws", tags: [], loadTarball: "/tmp/load.tar" };

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error("expected an InputError");
}

describe("cache-from and cache-to accept every attribute BuildKit v0.26's backend reads", () => {
  test.each<[string, "import" | "export"]>([
    [
      "type=registry,ref=r/app:cache,mode=max,image-manifest=true,oci-mediatypes=true,compression=zstd,compression-level=3,force-compression=true,ignore-error=true,registry.insecure=true",
      "export",
    ],
    ["type=registry,ref=r/app:cache,registry.insecure=true", "import"],
    ["type=registry,ref=r/app:cache,mode=max", "import"],
    ["type=local,src=/c,digest=sha256:" + "a".repeat(64), "import"],
    ["type=local,dest=/c,mode=max,image-manifest=true,oci-mediatypes=false,compression=gzip", "export"],
    ["type=inline,mode=min", "export"],
    ["type=gha,scope=s,timeout=5m,token=t,url=http://u,url_v2=http://v,version=2,repository=o/r,ghtoken=g", "export"],
    [
      "type=s3,bucket=b,region=r,prefix=p,manifests_prefix=m,blobs_prefix=b,name=n,touch_refresh=24h,endpoint_url=http://s,access_key_id=a,secret_access_key=s,session_token=t,use_path_style=true,upload_parallelism=4",
      "export",
    ],
    [
      "type=azblob,account_url=https://a.blob.core.windows.net,account_name=a,secret_access_key=k,container=c,prefix=p,manifests_prefix=m,blobs_prefix=b,name=n",
      "export",
    ],
  ])("%s (%s)", (spec, direction) => {
    expect(parseCacheSpec(spec, direction, "cache-x", CACHE_ENV).backends).toHaveLength(1);
  });
});

describe("an unknown cache key is one line naming the input, the key and what the type takes, never the value", () => {
  test.each<[string, "import" | "export", string, string]>([
    [
      "type=gha,scpoe=main",
      "export",
      "cache-to",
      'cache-to: unknown key "scpoe" for type=gha; it takes scope, timeout, token, url, url_v2, repository, ghtoken, version, mode, ignore-error',
    ],
    [
      "type=registry,ref=r/app:cache,mod=max",
      "export",
      "cache-to",
      'cache-to: unknown key "mod" for type=registry; it takes ref, registry.insecure, image-manifest, oci-mediatypes, compression, compression-level, force-compression, mode, ignore-error',
    ],
    [
      "type=local,src=/c,dest=/d",
      "import",
      "cache-from",
      'cache-from: unknown key "dest" for type=local; it takes image-manifest, oci-mediatypes, compression, compression-level, force-compression, src, digest, mode, ignore-error',
    ],
    [
      "type=s3,bucket=b,region=r,secret_acess_key=TOPSECRET",
      "export",
      "cache-to",
      'cache-to: unknown key "secret_acess_key" for type=s3; it takes bucket, region, prefix, manifests_prefix, blobs_prefix, name, touch_refresh, endpoint_url, access_key_id, secret_access_key, session_token, use_path_style, upload_parallelism, mode, ignore-error',
    ],
    [
      "type=inline,compression=zstd",
      "export",
      "cache-to",
      'cache-to: unknown key "compression" for type=inline; it takes mode, ignore-error',
    ],
  ])("%s", (spec, direction, name, message) => {
    expect(messageOf(() => parseCacheSpec(spec, direction, name, CACHE_ENV))).toBe(message);
  });

  test("a missing required key is reported before an unknown one", () => {
    expect(messageOf(() => parseCacheSpec("type=local,src=/c", "export", "cache-to", CACHE_ENV))).toBe(
      'cache-to: expected dest=<value> for type=local, got "type=local,src=/c"',
    );
  });
});

describe("outputs accept every attribute BuildKit v0.26's exporter reads", () => {
  test.each<[string, string]>([
    [
      "type=image,name=r/app,push=true,push-by-digest=true,insecure=true,registry.insecure=true,unpack=false,dangling-name-prefix=p,name-canonical=true,compression=zstd,compression-level=3,force-compression=true,oci-mediatypes=true,oci-artifact=true,buildinfo=false,buildinfo-attrs=false,rewrite-timestamp=true,store=false,attestation-inline=true,prefer-nondist-layers=true,source-date-epoch=0",
      "image",
    ],
    [
      'type=registry,name=r/app,annotation.org.opencontainers.image.title=t,annotation-index.k=v,annotation-manifest[linux/arm64].k=v,"annotation-manifest-descriptor[linux/amd64,linux/arm64].k=v",annotation-index-descriptor.k=v',
      "image",
    ],
    ["type=oci,dest=o.tar,name=a,tar=true,oci-mediatypes=true,compression=gzip,annotation.k=v", "oci"],
    ["type=docker,dest=d.tar,name=a,rewrite-timestamp=true", "docker"],
    ["type=docker,name=a", "load"],
    ["type=local,dest=out,platform-split=false,attestation-prefix=att-,source-date-epoch=1", "local"],
    ["type=tar,dest=fs.tar,platform-split=true", "tar"],
    ["type=cacheonly", "cacheonly"],
  ])("%s", (spec, type) => {
    expect(parseOutput(spec, OUT_ENV).type).toBe(type);
  });
});

describe("an unknown output key is one line naming the input, the key and what the exporter takes", () => {
  test.each([
    [
      "type=local,dest=out,push=true",
      'outputs: unknown key "push" for type=local; it takes dest, platform-split, attestation-prefix, source-date-epoch',
    ],
    [
      "type=tar,dest=fs.tar,compression=zstd",
      'outputs: unknown key "compression" for type=tar; it takes dest, platform-split, attestation-prefix, source-date-epoch',
    ],
    ["type=cacheonly,mode=max", 'outputs: unknown key "mode" for type=cacheonly; it takes no other key'],
    [
      "type=local,dest=out,annotation.k=v",
      'outputs: unknown key "annotation.k" for type=local; it takes dest, platform-split, attestation-prefix, source-date-epoch',
    ],
  ])("%s", (spec, message) => {
    expect(messageOf(() => parseOutput(spec, OUT_ENV))).toBe(message);
  });

  test("an image exporter typo lists what the image exporter takes", () => {
    const m = messageOf(() => parseOutput("type=image,name=r/app,push-by-digets=true", OUT_ENV));
    expect(m).toMatch(
      /^outputs: unknown key "push-by-digets" for type=image; it takes name, .*push-by-digest.* and annotation\.<key>$/,
    );
  });

  test("an oci exporter does not take push", () => {
    expect(messageOf(() => parseOutput("type=oci,dest=o.tar,push=true", OUT_ENV))).toMatch(
      /^outputs: unknown key "push" for type=oci; it takes name, .*tar and annotation\.<key>$/,
    );
  });
});
