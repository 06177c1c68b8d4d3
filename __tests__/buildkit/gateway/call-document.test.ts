import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCallDocument } from "../../../src/buildkit/gateway/call-document.js";
import { OUTLINE } from "../../../src/buildkit/gateway/outline-result.js";
import { TARGETS } from "../../../src/buildkit/gateway/targets-result.js";
import { tabTable } from "../../../src/buildkit/gateway/tab-table.js";

// Fixtures: the frontend result metadata ("result.json", "result.txt", "version") exactly as BuildKit v0.26.3's
// Dockerfile frontend answered frontend.outline (target "release", and no target) and frontend.targets for
// fixtures/call-stages.Dockerfile; Docker 26.1's embedded BuildKit v0.13 answered byte for byte the same.
// "result.txt" is the daemon's own Go rendering (BuildKit's PrintOutline / PrintTargets, which buildx prints with),
// so it is the oracle for Kiln's rendering of "result.json".
type Payload = Record<string, string>;
const payload = (name: string): Payload =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as Payload;
const bytes = (p: Payload): Record<string, Uint8Array> =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, new TextEncoder().encode(v)]));

describe("frontend.outline", () => {
  it("decodes the target, its args with defaults and descriptions, secrets and SSH in Dockerfile order", () => {
    const doc = decodeCallDocument(bytes(payload("outline-release-v0.26")), OUTLINE);
    expect(doc.value).toEqual({
      name: "release",
      description: "builds the image we ship",
      args: [
        { name: "BASE", value: "127.0.0.1:5000/kiln/busybox:latest", description: "" },
        { name: "VERSION", value: "1.2.3", description: "is the release to package" },
        { name: "DEBUG", value: "", description: "" },
        { name: "CHANNEL", value: "stable", description: "picks the update channel" },
      ],
      secrets: [
        { name: "token", required: true },
        { name: "npmrc", required: false },
      ],
      ssh: [{ name: "default", required: false }],
    });
  });

  it.each(["outline-release-v0.26", "outline-default-v0.26"])("%s renders as the daemon's own printer does", (name) => {
    const p = payload(name);
    const doc = decodeCallDocument(bytes(p), OUTLINE);
    expect(doc.text).toBe(p["result.txt"]);
    expect(doc.json).toBe(p["result.json"]);
    expect(doc.metadata).toEqual(p);
  });

  it("names an unnamed default target (default)", () => {
    const doc = decodeCallDocument(bytes(payload("outline-default-v0.26")), OUTLINE);
    expect(doc.value.name).toBe("test");
    expect(OUTLINE.render({ ...doc.value, name: "", description: "the default" })).toMatch(
      /^TARGET: {6}\(default\)\nDESCRIPTION: the default\n\n/,
    );
  });
});

describe("frontend.targets", () => {
  it("lists every stage with its description, the last one the default", () => {
    const p = payload("targets-v0.26");
    const doc = decodeCallDocument(bytes(p), TARGETS);
    expect(doc.value.map((t) => [t.name, t.description, t.default, t.base])).toEqual([
      ["base", "holds what every stage shares", false, "${BASE}"],
      ["release", "builds the image we ship", false, "base"],
      ["test", "", true, "base"],
    ]);
    expect(doc.text).toBe(p["result.txt"]);
    expect(doc.text).toBe(
      "TARGET         DESCRIPTION\nbase           holds what every stage shares\nrelease        builds the image we ship\ntest (default) \n",
    );
  });
});

describe("decodeCallDocument", () => {
  it("shows a document newer than Kiln's printer as the frontend rendered it, as buildx does", () => {
    const p = { ...payload("targets-v0.26"), version: "1.1.0", "result.txt": "rendered by the frontend\n" };
    expect(decodeCallDocument(bytes(p), TARGETS).text).toBe("rendered by the frontend\n");
    // The same or an older version is rendered by Kiln.
    expect(decodeCallDocument(bytes({ ...p, version: "1.0" }), TARGETS).text).toMatch(/^TARGET {9}DESCRIPTION\n/);
  });

  it("says which request came back without a result", () => {
    expect(() => decodeCallDocument({}, OUTLINE)).toThrow(
      "the frontend answered frontend.outline without a result (no result.json in its metadata)",
    );
    expect(() => decodeCallDocument(bytes({ "result.json": "{" }), TARGETS)).toThrow(
      /^the frontend's frontend\.targets result is not JSON: /,
    );
  });
});

describe("tabTable (Go text/tabwriter)", () => {
  it("pads every cell but the last to its column's widest, counting code points", () => {
    expect(
      tabTable(
        [
          ["NAME", "VALUE", "NOTE"],
          ["été", "", ""],
        ],
        3,
      ),
    ).toBe(`NAME   VALUE   NOTE\nété${" ".repeat(4 + 8)}\n`);
  });
});
