import { describe, expect, test } from "vitest";
import { commentMarker, upsertComment, type IssueComments } from "../../src/action/pr-comment.js";

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
    const marker = commentMarker("ci", "image");
    expect(await upsertComment(issue, 7, marker, "first summary")).toBe("created");
    expect(await upsertComment(issue, 7, marker, "second summary")).toBe("updated");
    expect(issue.comments).toHaveLength(2);
    expect(issue.comments[1]!.body).toBe(`${marker}\nsecond summary`);
    expect(issue.comments[0]!.body).toBe("a human comment");
  });

  test("keeps one comment per workflow job", async () => {
    const issue = memoryIssue([]);
    await upsertComment(issue, 7, commentMarker("ci", "amd64"), "a");
    await upsertComment(issue, 7, commentMarker("ci", "arm64"), "b");
    await upsertComment(issue, 7, commentMarker("ci", "amd64"), "c");
    expect(issue.comments.map((c) => c.body)).toEqual([
      `${commentMarker("ci", "amd64")}\nc`,
      `${commentMarker("ci", "arm64")}\nb`,
    ]);
  });
});
