import { expect, test } from "vitest";
import { cacheCredentials } from "../../src/plan/cache/cache-credentials.js";

test("cache credentials are collected from s3, azblob and gha entries, nothing from the others", () => {
  expect(
    cacheCredentials([
      {
        type: "s3",
        bucket: "b",
        region: "r",
        secretAccessKey: "s3-secret",
        sessionToken: "s3-session",
        accessKeyId: "AKIA",
        extra: {},
      },
      { type: "azblob", accountUrl: "https://a.blob.core.windows.net", secretAccessKey: "az-key", extra: {} },
      { type: "gha", scope: "s", token: "runtime-token", ghToken: "gh-token", extra: {} } as never,
      { type: "inline", extra: {} },
    ]),
  ).toEqual(["s3-secret", "s3-session", "az-key", "runtime-token", "gh-token"]);
});
