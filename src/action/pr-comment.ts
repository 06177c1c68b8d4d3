/** The few GitHub REST calls a sticky pull-request comment needs; `@actions/github`'s Octokit provides them. */
export interface IssueComments {
  list(issue: number): Promise<readonly { readonly id: number; readonly body?: string | null }[]>;
  create(issue: number, body: string): Promise<void>;
  update(commentId: number, body: string): Promise<void>;
}

/** Identifies Kiln's comment for one workflow job, so matrix jobs and other workflows keep their own. */
export function commentMarker(workflow: string, job: string): string {
  return `<!-- kiln-build-summary ${workflow}/${job} -->`;
}

/** Creates the job's comment on the pull request, or replaces its body if it already exists. */
export async function upsertComment(
  api: IssueComments,
  issue: number,
  marker: string,
  summary: string,
): Promise<"created" | "updated"> {
  const body = `${marker}\n${summary}`;
  const existing = (await api.list(issue)).find((c) => c.body?.startsWith(marker));
  if (existing) {
    await api.update(existing.id, body);
    return "updated";
  }
  await api.create(issue, body);
  return "created";
}
