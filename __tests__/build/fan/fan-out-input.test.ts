import { expect, test } from "vitest";
import { fanOutInput } from "../../../src/build/fan/fan-out.js";
import { takeFanOutFlag } from "../../../src/cli/fan-commands.js";

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? "";

test("a leg pushes by digest to the tags' repository and sets no tag", () => {
  const leg = fanOutInput(
    inputs({ tags: "ghcr.io/o/app:1.0\nghcr.io/o/app:latest", push: "true", platforms: "linux/arm64" }),
  );
  expect(leg.image).toBe("ghcr.io/o/app");
  expect(leg.input("tags")).toBe("");
  expect(leg.input("push")).toBe("");
  expect(leg.input("outputs")).toBe("type=image,name=ghcr.io/o/app,push=true,push-by-digest=true");
  expect(leg.input("platforms")).toBe("linux/arm64");
});

test("a leg keeps its manifest annotations and leaves the index ones to the fan-in", () => {
  const leg = fanOutInput(
    inputs({
      tags: "ghcr.io/o/app:1",
      push: "true",
      platforms: "linux/arm64",
      annotations:
        "index,manifest:org.opencontainers.image.title=app\nindex-descriptor:k=v\nmanifest[linux/arm64]:a=b=c\nplain=1",
    }),
  );
  expect(leg.input("annotations").split("\n")).toEqual([
    "manifest:org.opencontainers.image.title=app",
    "manifest[linux/arm64]:a=b=c",
    "plain=1",
  ]);
});

test("a leg passes annotations the parser refuses on untouched, for the plan's one-line error", () => {
  const leg = fanOutInput(
    inputs({ tags: "ghcr.io/o/app:1", push: "true", platforms: "linux/arm64", annotations: "nokey" }),
  );
  expect(leg.input("annotations")).toBe("nokey");
});

test.each([
  [{ tags: "ghcr.io/o/app:1" }, /^fan-out: expected --push: a leg pushes its part by digest$/],
  [{ push: "true" }, /^fan-out: expected --tag naming the image/],
  [{ push: "true", tags: "ghcr.io/o/a:1" }, /^fan-out: expected --platform naming this leg's platform\(s\)/],
  [
    { push: "true", platforms: "linux/amd64", tags: "ghcr.io/o/a:1,ghcr.io/o/b:1" },
    /^fan-out: --tag name ghcr\.io\/o\/a and ghcr\.io\/o\/b/,
  ],
  [
    { push: "true", platforms: "linux/amd64", tags: "ghcr.io/o/a:1", outputs: "type=local,dest=x" },
    /^fan-out: --output and --load do not go/,
  ],
])("refuses %o in one line naming the flag", (values, message) => {
  const flag = (n: string): string =>
    ({ push: "--push", tags: "--tag", outputs: "--output", load: "--load", platforms: "--platform" })[n] ?? n;
  expect(() => fanOutInput(inputs(values), flag)).toThrow(message);
});

test("--fan-out DIR and --fan-out=DIR are taken out of kiln build's arguments", () => {
  expect(takeFanOutFlag(["--push", "--fan-out", "parts", "-t", "x", "."])).toEqual({
    dir: "parts",
    rest: ["--push", "-t", "x", "."],
  });
  expect(takeFanOutFlag(["--fan-out=p", "."])).toEqual({ dir: "p", rest: ["."] });
  expect(takeFanOutFlag(["."])).toEqual({ dir: undefined, rest: ["."] });
  expect(() => takeFanOutFlag(["--fan-out"])).toThrow(/--fan-out: expected a directory/);
});
