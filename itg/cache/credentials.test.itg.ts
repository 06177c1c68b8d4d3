import { afterAll, beforeAll, expect, test } from "vitest";
import { BuildkitClient, dockerfileFrontendAttrs, imageExporter } from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../../src/docker/index.js";
import { RegistryClient, readAttestationLayers, readImageIndex } from "../../src/registry/index.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { contextWith } from "../helpers/build-fixture.js";

let env: StackEnv;
let client: BuildkitClient;
let registry: RegistryClient;

beforeAll(async () => {
  env = await loadStackEnv();
  client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
  registry = new RegistryClient();
});
afterAll(async () => {
  registry?.close();
  await client?.close();
});

test("credentials in cache import and export attributes reach neither the status log nor the provenance", async () => {
  const importSecret = `import-secret-${uniqueTag()}`;
  const exportSecret = `export-secret-${uniqueTag()}`;
  const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${uniqueTag()} > /x\n` });
  const ref = `${env.KILN_REGISTRY}/itg/cache-credentials:${uniqueTag()}`;
  const log: string[] = [];
  await client.solve(
    {
      frontend: "dockerfile.v0",
      frontendAttrs: dockerfileFrontendAttrs({ platforms: ["linux/amd64"], provenance: { mode: "max" } }),
      exporters: [imageExporter({ names: [ref], push: true, store: false })],
      cacheImports: [
        {
          type: "registry",
          attrs: { ref: `${env.KILN_REGISTRY}/itg/cache-credentials-cache:none`, secret_access_key: importSecret },
        },
      ],
      cacheExports: [{ type: "inline", attrs: { secret_access_key: exportSecret } }],
      entitlements: [],
      localDirs: new Map([
        ["context", ctx],
        ["dockerfile", ctx],
      ]),
    },
    {
      onStatus: (s) => {
        for (const v of s.vertexes) log.push(v.name, v.error);
        for (const l of s.logs) log.push(Buffer.from(l.data).toString("utf8"));
        for (const st of s.statuses) log.push(st.name, st.id);
      },
    },
  );
  const index = await readImageIndex(registry, ref);
  const layers = await readAttestationLayers(registry, ref, index.manifests[0]!.descriptor.digest, { index });
  const statements = await Promise.all(layers.map((l) => l.read()));
  const provenance = JSON.stringify(statements);
  expect(provenance).toContain("https://slsa.dev/provenance/");
  for (const secret of [importSecret, exportSecret]) {
    expect(provenance).not.toContain(secret);
    expect(log.join("\n")).not.toContain(secret);
  }
});
