import { expect, test } from "vitest";
import { fanInAnnotations } from "../../../src/build/fan/fan-in-annotations.js";

test("index and index-descriptor annotations are split for the joined index and its descriptor", () => {
  expect(
    fanInAnnotations("index:org.opencontainers.image.title=app\nindex-descriptor:k=v=w\nindex:a=", "annotations"),
  ).toEqual({
    index: { "org.opencontainers.image.title": "app", a: "" },
    indexDescriptor: { k: "v=w" },
  });
  expect(fanInAnnotations("", "annotations")).toEqual({ index: {}, indexDescriptor: {} });
});

test.each([
  [
    "plain=1",
    /^annotations: expected only "index:" or "index-descriptor:" annotations at the fan-in, got manifest-level "plain"/,
  ],
  ["index,manifest:t=1", /got manifest-level "t": manifest annotations go on the fan-out legs/],
  ["manifest-descriptor[linux/amd64]:t=1", /got manifest-descriptor-level "t"/],
  ["nokey", /^annotations: expected KEY=VALUE lines/],
])("refuses %s in one line naming the input", (text, message) => {
  expect(() => fanInAnnotations(text, "annotations")).toThrow(message);
});

test("the CLI's flag is named in the line", () => {
  expect(() => fanInAnnotations("k=v", "--annotation")).toThrow(/^--annotation: /);
});
