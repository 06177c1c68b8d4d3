import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { dockerfileExcerpt } from "../../src/build/dockerfile-excerpt.js";
import { renderFailureSummary } from "../../src/build/summary.js";

const target = { tags: ["ghcr.io/acme/app:1"], platforms: [] };
const failure = {
  message: 'process "/bin/sh -c make" did not complete successfully: exit code: 2',
  annotation: { file: "Dockerfile", startLine: 3, endLine: 3 },
};

async function dockerfile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-excerpt-"));
  const path = join(dir, "Dockerfile");
  await writeFile(path, text);
  return path;
}

describe("the Dockerfile excerpt of a failure", () => {
  const lines = ["FROM alpine", "WORKDIR /src", "RUN make", "COPY . .", "RUN make test", 'CMD ["app"]', "USER app"];

  test("shows the failing instruction with three lines either side", async () => {
    const got = await dockerfileExcerpt(await dockerfile(lines.join("\n") + "\n"), { startLine: 5, endLine: 5 });
    expect(got).toEqual([
      { line: 2, text: "WORKDIR /src", failing: false },
      { line: 3, text: "RUN make", failing: false },
      { line: 4, text: "COPY . .", failing: false },
      { line: 5, text: "RUN make test", failing: true },
      { line: 6, text: 'CMD ["app"]', failing: false },
      { line: 7, text: "USER app", failing: false },
    ]);
  });

  test("marks every line of a multi-line instruction, CRLF files included", async () => {
    const path = await dockerfile("FROM alpine\r\nRUN a \\\r\n  && b\r\nUSER x\r\n");
    expect(await dockerfileExcerpt(path, { startLine: 2, endLine: 3 })).toEqual([
      { line: 1, text: "FROM alpine", failing: false },
      { line: 2, text: "RUN a \\", failing: true },
      { line: 3, text: "  && b", failing: true },
      { line: 4, text: "USER x", failing: false },
    ]);
  });

  test("cuts a long instruction at twelve lines and shows nothing after the cut", async () => {
    const path = await dockerfile(
      ["FROM alpine", ...Array.from({ length: 20 }, (_, i) => `  line${i}`), "USER x"].join("\n"),
    );
    const got = await dockerfileExcerpt(path, { startLine: 2, endLine: 21 });
    expect(got?.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(got?.filter((l) => l.failing)).toHaveLength(12);
  });

  test("is absent when the line is outside the file or the file cannot be read", async () => {
    expect(await dockerfileExcerpt(await dockerfile("FROM alpine\n"), { startLine: 9, endLine: 9 })).toBeUndefined();
    expect(await dockerfileExcerpt("/nonexistent/Dockerfile", { startLine: 1, endLine: 1 })).toBeUndefined();
  });
});

describe("a failed build's summary", () => {
  test("holds the error, the failing step with its last lines and the Dockerfile around the line", () => {
    const md = renderFailureSummary([failure], target, {
      step: {
        name: "[2/3] RUN make",
        error: "exit code: 2",
        lastLines: ["cc -c main.c", "main.c:3: error: `x` undeclared"],
      },
      excerpt: {
        file: "Dockerfile",
        lines: [
          { line: 2, text: "WORKDIR /src", failing: false },
          { line: 3, text: "RUN make", failing: true },
        ],
      },
    });
    expect(md).toBe(
      [
        "## Kiln build failed: `ghcr.io/acme/app:1`",
        "",
        "```text",
        'Dockerfile:3: process "/bin/sh -c make" did not complete successfully: exit code: 2',
        "```",
        "",
        "Failed step: `[2/3] RUN make`",
        "",
        "Its last 2 lines:",
        "",
        "```text",
        "cc -c main.c",
        "main.c:3: error: `x` undeclared",
        "```",
        "",
        "`Dockerfile`:",
        "",
        "```dockerfile",
        "    2 | WORKDIR /src",
        ">>> 3 | RUN make",
        "```",
        "",
      ].join("\n"),
    );
  });

  test("hides secret values the step printed and cannot be cut short by a fence in the log", () => {
    const md = renderFailureSummary(
      [{ message: "exit code: 1" }],
      target,
      {
        step: {
          name: "[1/1] RUN ./deploy",
          error: "exit code: 1",
          lastLines: ["token is s3cr3t-value", "```", "done"],
        },
      },
      ["s3cr3t-value"],
    );
    expect(md).not.toContain("s3cr3t-value");
    expect(md).toContain("token is ***");
    expect(md.match(/^```/gm)).toHaveLength(4);
  });

  test("without details is the error block alone", () => {
    expect(renderFailureSummary([{ message: "boom" }], target)).toBe(
      ["## Kiln build failed: `ghcr.io/acme/app:1`", "", "```text", "boom", "```", ""].join("\n"),
    );
  });
});
