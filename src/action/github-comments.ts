import { context, getOctokit } from "@actions/github";
import type { IssueComments } from "./pr-comment.js";

/** IssueComments over the GitHub REST API for the run's repository, paging through every comment. */
export function githubComments(token: string): IssueComments {
  const octokit = getOctokit(token);
  const { owner, repo } = context.repo;
  return {
    list: (issue) =>
      octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issue, per_page: 100 }),
    create: async (issue, body) => {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body });
    },
    update: async (commentId, body) => {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
    },
  };
}

/** The pull request number of a `pull_request` / `pull_request_target` run, else undefined. */
export function pullRequestNumber(): number | undefined {
  return context.payload.pull_request?.number;
}
