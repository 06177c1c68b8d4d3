import { Metadata } from "@grpc/grpc-js";
import { describe, expect, test } from "vitest";
import { metadataList } from "../../../src/buildkit/file-sync/file-sync.js";
import { nameToBytes } from "../../../src/buildkit/file-sync/byte-names.js";

const md = (entries: Record<string, string[]>): Metadata => {
  const m = new Metadata();
  for (const [k, vs] of Object.entries(entries)) for (const v of vs) m.add(k, v);
  return m;
};

describe("metadataList", () => {
  test("plain values are split back from grpc-js's joined header", () => {
    expect(metadataList(md({ "exclude-patterns": ["a", "b/**"] }), "exclude-patterns")).toEqual(["a", "b/**"]);
  });

  test("encoded values are unescaped as Go's url.QueryUnescape does, UTF-8 or not", () => {
    const m = md({ "exclude-patterns": ["f%FF.txt", "%C3%BC+x", "bad%zz"], "exclude-patterns-encoded": ["1"] });
    const [latin, utf8, bad] = metadataList(m, "exclude-patterns");
    expect(nameToBytes(latin as string)).toEqual(Buffer.from([0x66, 0xff, 0x2e, 0x74, 0x78, 0x74]));
    expect(utf8).toBe("ü x");
    // Go ignores the unescape error and keeps "".
    expect(bad).toBe("");
  });
});
