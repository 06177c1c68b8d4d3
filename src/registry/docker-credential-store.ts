import { credentialsFor, normalizeRegistryHost, type Credentials, type ExplicitCredential } from "./credentials-for.js";
import { dockerConfigPath, readDockerConfig, type DockerConfig } from "./docker-config.js";
import { runCredentialHelper } from "./run-credential-helper.js";

/**
 * Answers "which credentials for this registry host?". The registry client uses it on a 401; BuildKit's session
 * Auth service answers the daemon's `Credentials{Host}` with it (`undefined` -> empty `{Username, Secret}`).
 * `host` may be a reference's registry (`docker.io`), an API host (`registry-1.docker.io`) or a server URL.
 */
export interface CredentialStore {
  get(
    host: string,
    options?: { readonly signal?: AbortSignal; readonly timeoutMs?: number },
  ): Promise<Credentials | undefined>;
}

export interface DockerCredentialStoreOptions {
  /** Path of config.json; default {@link dockerConfigPath} of `env`. */
  readonly configPath?: string;
  /** A config already in memory; then no file is read. */
  readonly config?: DockerConfig;
  /** Credentials given directly; they win over the config. */
  readonly explicit?: readonly ExplicitCredential[];
  /** Environment for `DOCKER_CONFIG` and for credential helpers (their `PATH`). Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The credentials docker would use: explicit ones, then docker's config.json and its credential helpers
 * (see {@link credentialsFor}). The config is read once, at the first `get`; each host's answer is kept, so a
 * helper runs at most once per host (failures are not kept).
 */
export function dockerCredentialStore(options: DockerCredentialStoreOptions = {}): CredentialStore {
  const env = options.env ?? process.env;
  let config: Promise<DockerConfig> | undefined =
    options.config === undefined ? undefined : Promise.resolve(options.config);
  const answers = new Map<string, Promise<Credentials | undefined>>();

  const lookup = async (host: string, opts: { signal?: AbortSignal; timeoutMs?: number }) => {
    config ??= readDockerConfig(options.configPath ?? dockerConfigPath(env), opts).catch((err: unknown) => {
      config = undefined;
      throw err;
    });
    const source = credentialsFor(host, await config, options.explicit);
    switch (source.type) {
      case "explicit":
      case "config":
        return source.credentials;
      case "helper": {
        const found = await runCredentialHelper(source.helper, source.serverUrl, { ...opts, env });
        return found ?? source.fallback;
      }
      case "none":
        return undefined;
    }
  };

  return {
    get(host, opts = {}) {
      const key = normalizeRegistryHost(host);
      let answer = answers.get(key);
      if (answer === undefined) {
        answer = lookup(host, opts);
        answers.set(key, answer);
        answer.catch(() => answers.delete(key));
      }
      return answer;
    },
  };
}
