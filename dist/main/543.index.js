export const id = 543;
export const ids = [543];
export const modules = {

/***/ 25543:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   githubComments: () => (/* binding */ githubComments),
/* harmony export */   pullRequestNumber: () => (/* binding */ pullRequestNumber)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);

/** IssueComments over the GitHub REST API for the run's repository, paging through every comment. */
function githubComments(token) {
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token);
    const { owner, repo } = _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .context */ ._.repo;
    return {
        list: (issue) => octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issue, per_page: 100 }),
        create: async (issue, body) => {
            await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body });
        },
        update: async (commentId, body) => {
            await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
        },
    };
}
/** The pull request number of a `pull_request` / `pull_request_target` run, else undefined. */
function pullRequestNumber() {
    return _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .context */ ._.payload.pull_request?.number;
}


/***/ })

};
