import { describe, expect, test } from "vitest";
import { matrixLegId } from "../../src/action/matrix-leg.js";
import {
  commentBody,
  commentMarker,
  maxCommentChars,
  upsertComment,
  type IssueComments,
} from "../../src/action/pr-comment.js";
import { readInputs } from "../../src/plan/inputs.js";
import { planBuild, type BuildPlan } from "../../src/plan/plan.js";
import { RUN } from "../plan/run-context-fixture.js";

const plan = (given: Record<string, string>): BuildPlan =>
  planBuild(
    readInputs((name) => given[name] ?? ""),
    RUN,
  );
const sha = "0123456789abcdef0123456789abcdef01234567";

// GitHub's API cannot be reached from the test machines; this in-memory issue stands in for it, and the
// workflow in .github/workflows/real-runners.yml exercises the real one.
function memoryIssue(
  initial: { id: number; body: string }[],
): IssueComments & { comments: { id: number; body: string }[] } {
  const comments = [...initial];
  return {
    comments,
    list: async () => comments,
    create: async (_issue, body) => {
      comments.push({ id: comments.length + 100, body });
    },
    update: async (id, body) => {
      const c = comments.find((x) => x.id === id);
      if (!c) throw new Error(`no comment ${id}`);
      c.body = body;
    },
  };
}

describe("the sticky pull-request comment", () => {
  test("is created once and then updated in place", async () => {
    const issue = memoryIssue([{ id: 1, body: "a human comment" }]);
    const marker = commentMarker("ci", "image", "leg");
    expect(await upsertComment(issue, 7, marker, "first summary")).toBe("created");
    expect(await upsertComment(issue, 7, marker, "second summary")).toBe("updated");
    expect(issue.comments).toHaveLength(2);
    expect(issue.comments[1]!.body).toBe(`${marker}\nsecond summary`);
    expect(issue.comments[0]!.body).toBe("a human comment");
  });

  test("keeps one comment per workflow job", async () => {
    const issue = memoryIssue([]);
    await upsertComment(issue, 7, commentMarker("ci", "amd64", "l"), "a");
    await upsertComment(issue, 7, commentMarker("ci", "arm64", "l"), "b");
    await upsertComment(issue, 7, commentMarker("ci", "amd64", "l"), "c");
    expect(issue.comments.map((c) => c.body)).toEqual([
      `${commentMarker("ci", "amd64", "l")}\nc`,
      `${commentMarker("ci", "arm64", "l")}\nb`,
    ]);
  });

  test("keeps one comment per matrix leg: same workflow and GITHUB_JOB, different platforms", async () => {
    const issue = memoryIssue([]);
    const amd64 = commentMarker("ci", "build", matrixLegId(plan({ platforms: "linux/amd64" }), sha));
    const arm64 = commentMarker("ci", "build", matrixLegId(plan({ platforms: "linux/arm64" }), sha));
    await upsertComment(issue, 7, amd64, "amd64 summary");
    await upsertComment(issue, 7, arm64, "arm64 summary");
    expect(issue.comments.map((c) => c.body)).toEqual([`${amd64}\namd64 summary`, `${arm64}\narm64 summary`]);
  });

  test("cuts a summary that would pass GitHub's 65,536-character limit", async () => {
    const issue = memoryIssue([]);
    const marker = commentMarker("ci", "build", "l");
    await upsertComment(issue, 7, marker, "| step | 1.0s |\n".repeat(10_000));
    const body = issue.comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(maxCommentChars);
    expect(body.length).toBeLessThan(65_536);
    expect(body.startsWith(`${marker}\n| step |`)).toBe(true);
    expect(body).toMatch(/cut here: .* the job summary has it all\.$/);
    expect(commentBody(marker, "short")).toBe(`${marker}\nshort`);
  });
});

describe("matrixLegId", () => {
  test("differs between legs that build different platforms, targets or build arguments", () => {
    const ids = [
      { platforms: "linux/amd64" },
      { platforms: "linux/arm64" },
      { platforms: "linux/arm64", target: "test" },
      { platforms: "linux/arm64", "build-args": "NODE=20" },
      { platforms: "linux/arm64", "build-args": "NODE=22" },
    ].map((given) => matrixLegId(plan(given), sha));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("stays the same across pushes: tags and build arguments naming the commit are left out", () => {
    const first = plan({ platforms: "linux/amd64", tags: "app:sha-0123456", "build-args": "REV=0123456\nNODE=20" });
    const next = "fedcba9876543210fedcba9876543210fedcba98";
    const second = plan({ platforms: "linux/amd64", tags: "app:sha-fedcba9", "build-args": "REV=fedcba9\nNODE=20" });
    expect(matrixLegId(second, next)).toBe(matrixLegId(first, sha));
    expect(matrixLegId(first, sha)).toMatch(/^[0-9a-f]{12}$/);
  });
});
