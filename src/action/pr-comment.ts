/** The few GitHub REST calls a sticky pull-request comment needs; `@actions/github`'s Octokit provides them. */
export interface IssueComments {
  list(issue: number): Promise<readonly { readonly id: number; readonly body?: string | null }[]>;
  create(issue: number, body: string): Promise<void>;
  update(commentId: number, body: string): Promise<void>;
}

/**
 * Identifies Kiln's comment for one leg of one workflow job, so other workflows, other jobs and the legs of a
 * matrix job (same GITHUB_JOB; `leg` from `matrixLegId`) each keep their own.
 */
export function commentMarker(workflow: string, job: string, leg: string): string {
  return `<!-- kiln-build-summary ${workflow}/${job}/${leg} -->`;
}

/**
 * GitHub refuses an issue comment body over 65,536 characters ("body is too long"); a summary of a build with
 * many platforms and steps can pass that. Kept under it with room for the marker.
 */
export const maxCommentChars = 65_000;

/** The marker, then the summary cut at `maxCommentChars` with a note that the job summary has the rest. */
export function commentBody(marker: string, summary: string): string {
  const body = `${marker}\n${summary}`;
  if (body.length <= maxCommentChars) return body;
  const note = "\n\n… cut here: the comment would pass GitHub's 65,536-character limit; the job summary has it all.";
  let cut = maxCommentChars - note.length;
  // Never split a UTF-16 surrogate pair.
  const code = body.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return body.slice(0, cut) + note;
}

/** Creates the job's comment on the pull request, or replaces its body if it already exists. */
export async function upsertComment(
  api: IssueComments,
  issue: number,
  marker: string,
  summary: string,
): Promise<"created" | "updated"> {
  const body = commentBody(marker, summary);
  const existing = (await api.list(issue)).find((c) => c.body?.startsWith(marker));
  if (existing) {
    await api.update(existing.id, body);
    return "updated";
  }
  await api.create(issue, body);
  return "created";
}
