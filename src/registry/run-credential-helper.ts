import type { Credentials } from "./credentials-for.js";
import { RegistryError } from "./registry-error.js";

export interface RunCredentialHelperOptions {
  readonly signal?: AbortSignal;
  /** The helper may unlock a keychain; 30 s is generous and still ends a hung helper. */
  readonly timeoutMs?: number;
  /** Environment of the helper, and the `PATH` it is looked up on. Defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

// docker/docker-credential-helpers credentials/error.go `errCredentialsNotFoundMessage`.
const NOT_FOUND = "credentials not found in native keychain";
// The user name under which docker stores an identity token (docker/cli cli/config/credentials/native_store.go
// `tokenUsername`).
const TOKEN_USERNAME = "<token>";

/**
 * Runs `docker-credential-<helper> get` with `serverUrl` on stdin and parses `{ServerURL, Username, Secret}`
 * from stdout (docker/docker-credential-helpers client/client.go). `undefined` when the helper has none.
 * A helper answering `Username: "<token>"` hands out an identity token: returned with `username: ""`.
 */
export async function runCredentialHelper(
  helper: string,
  serverUrl: string,
  options: RunCredentialHelperOptions = {},
): Promise<Credentials | undefined> {
  const program = `docker-credential-${helper}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const fail = (reason: string, cause?: unknown): RegistryError =>
    new RegistryError(`failed to get credentials for ${serverUrl} from ${program}: ${reason}`, "unavailable", {
      cause,
    });
  // Loaded when a helper is configured: start-up does not pay for node:child_process.
  const { execFile } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      ["get"],
      {
        env: options.env ?? process.env,
        timeout: timeoutMs,
        maxBuffer: 1024 * 1024,
        encoding: "utf8",
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
      (err, stdout, stderr) => {
        if (err !== null) {
          if (`${stdout}${stderr}`.includes(NOT_FOUND)) return resolve(undefined);
          if ("code" in err && err.code === "ENOENT") return reject(fail(`${program} not found on PATH`, err));
          if (err.name === "AbortError") {
            return reject(new RegistryError(`failed to run ${program}: aborted`, "aborted", { cause: err }));
          }
          if (err.killed) return reject(fail(`no answer within ${timeoutMs} ms`, err));
          return reject(fail((stderr.trim() || stdout.trim() || err.message).split("\n")[0] ?? "", err));
        }
        try {
          resolve(parseHelperOutput(stdout));
        } catch (parseErr: unknown) {
          reject(fail(`unexpected output: ${(parseErr as Error).message}`, parseErr));
        }
      },
    );
    child.stdin?.on("error", () => {}); // the helper may exit without reading stdin; its exit status tells
    child.stdin?.end(serverUrl);
  });
}

function parseHelperOutput(stdout: string): Credentials | undefined {
  const json: unknown = JSON.parse(stdout);
  if (typeof json !== "object" || json === null) throw new Error("expected a JSON object");
  const username = "Username" in json && typeof json.Username === "string" ? json.Username : "";
  const secret = "Secret" in json && typeof json.Secret === "string" ? json.Secret : "";
  if (secret === "") return undefined;
  return { username: username === TOKEN_USERNAME ? "" : username, secret };
}
