import { basename, dirname } from "node:path";
import type { BuildkitClient } from "../../src/buildkit/index.js";
import {
  dockerfileFrontendAttrs,
  imageExporter,
  secrets,
  type SecretSource,
  type SolveStatus,
  type SolveResult,
} from "../../src/buildkit/index.js";
import type { CorpusCase } from "../buildkit/corpus.js";

/** Builds a case through Kiln's BuildKit client with the same inputs `buildxBuild` gives buildx. */
export async function kilnBuild(
  client: BuildkitClient,
  c: CorpusCase,
  ref: string,
  epoch: number,
  onStatus?: (s: SolveStatus) => void,
): Promise<SolveResult> {
  const localDirs = new Map<string, string>([
    ["context", c.context],
    ["dockerfile", dirname(c.dockerfile)],
  ]);
  const namedContexts: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.namedContexts ?? {})) {
    if (value.includes("://")) namedContexts[name] = value;
    else {
      localDirs.set(name, value);
      namedContexts[name] = `local:${name}`;
    }
  }
  const secretSources = new Map<string, SecretSource>(
    Object.entries(c.secretFiles ?? {}).map(([id, path]) => [id, { kind: "file", path }]),
  );
  return client.solve(
    {
      frontend: "dockerfile.v0",
      frontendAttrs: dockerfileFrontendAttrs({
        filename: basename(c.dockerfile),
        platforms: c.platforms,
        buildArgs: c.buildArgs ?? {},
        namedContexts,
        sourceDateEpoch: epoch,
        provenance: { mode: "max" },
        ...(c.target ? { target: c.target } : {}),
      }),
      exporters: [imageExporter({ names: [ref], push: true, rewriteTimestamp: true, store: false })],
      cacheImports: [],
      cacheExports: [],
      entitlements: [],
      localDirs,
      sharedKey: basename(c.context),
      attachables: secretSources.size > 0 ? [secrets(secretSources)] : [],
    },
    onStatus ? { onStatus } : {},
  );
}
