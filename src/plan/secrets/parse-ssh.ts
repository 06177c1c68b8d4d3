import path from "node:path";
import { InputError, quote } from "../input-error.js";
import { parseList } from "../values/parse-list.js";

/** One `RUN --mount=type=ssh,id=<id>` source: key files or agent sockets, or the runner's agent when empty. */
export interface SshSpec {
  readonly id: string;
  readonly paths: readonly string[];
}

const EXPECTED = 'items like "default" or "id=path"';

/**
 * `ssh`: `id` or `id=path` items, comma or newline separated, as build-push-action splits them (so one item
 * holds one path; repeating an id adds paths to it, where buildx would keep the last). An id without paths
 * forwards the agent at SSH_AUTH_SOCK. Paths are relative to the workspace.
 */
export function parseSsh(input: string, workspace: string, sshAuthSock: string | undefined, name = "ssh"): SshSpec[] {
  const out = new Map<string, string[]>();
  for (const item of parseList(input, name)) {
    const eq = item.indexOf("=");
    const id = (eq === -1 ? item : item.slice(0, eq)).trim();
    const file = eq === -1 ? undefined : item.slice(eq + 1).trim();
    if (!/^[^\s=]+$/.test(id) || file === "") throw InputError.expected(name, EXPECTED, item);
    const paths = out.get(id) ?? [];
    if (file !== undefined) paths.push(path.resolve(workspace, file));
    out.set(id, paths);
  }
  for (const [id, paths] of out) {
    if (paths.length === 0 && (sshAuthSock === undefined || sshAuthSock === "")) {
      throw new InputError(
        name,
        `expected SSH_AUTH_SOCK to be set for ${quote(id)} (start an ssh-agent first) or a key path, like "${id}=/home/runner/.ssh/id_ed25519"`,
      );
    }
  }
  return [...out].map(([id, paths]) => ({ id, paths }));
}
