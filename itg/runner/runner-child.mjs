// Child process for itg/runner/emulator.test.itg.ts: runs the operations in KILN_CHILD_OPS (JSON) with the real
// @actions/cache and @actions/artifact, which read the runner's variables from process.env at call time, and prints
// one line "KILN_RESULTS <json>" with {value} or {error} per operation.
import * as cache from "@actions/cache";
import { DefaultArtifactClient } from "@actions/artifact";
const artifacts = new DefaultArtifactClient();
const results = [];
for (const op of JSON.parse(process.env.KILN_CHILD_OPS)) {
  try {
    let value;
    switch (op.op) {
      case "saveCache":
        value = await cache.saveCache(op.paths, op.key);
        break;
      case "restoreCache":
        value = (await cache.restoreCache(op.paths, op.key, op.restoreKeys)) ?? null;
        break;
      case "upload":
        value = await artifacts.uploadArtifact(op.name, op.files, op.root);
        break;
      case "list":
        value = (await artifacts.listArtifacts({ latest: op.latest })).artifacts;
        break;
      case "get":
        value = (await artifacts.getArtifact(op.name)).artifact;
        break;
      case "download":
        value = await artifacts.downloadArtifact(op.id, { path: op.path });
        break;
      case "delete":
        value = await artifacts.deleteArtifact(op.name);
        break;
      default:
        throw new Error("unknown op " + op.op);
    }
    results.push({ value });
  } catch (error) {
    results.push({ error: String(error && error.message ? error.message : error) });
  }
}
console.log("KILN_RESULTS " + JSON.stringify(results));
