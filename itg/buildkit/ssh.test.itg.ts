import { afterAll, beforeAll, expect, test } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildkitClient, dockerfileFrontendAttrs, sshAgents } from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../../src/docker/index.js";
import { loadStackEnv, REPO_ROOT, type StackEnv } from "../helpers/stack-env.js";
import { contextWith, dockerfileSolve } from "../helpers/build-fixture.js";

let env: StackEnv;
let client: BuildkitClient;
let agent: ChildProcess;
let socket: string;

beforeAll(async () => {
  env = await loadStackEnv();
  client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
  const dir = await mkdtemp(join(tmpdir(), "kiln-ssh-"));
  socket = join(dir, "agent.sock");
  agent = spawn("ssh-agent", ["-D", "-a", socket], { stdio: "ignore" });
  for (let i = 0; i < 50 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "key")]);
  execFileSync("ssh-add", [join(dir, "key")], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: "pipe" });
});

afterAll(async () => {
  agent?.kill();
  await client?.close();
});

test("RUN --mount=type=ssh reaches the client's real ssh-agent through the session", async () => {
  const ctx = await contextWith({
    Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nCOPY agent-probe /agent-probe\nRUN --mount=type=ssh /agent-probe > /identities\n`,
  });
  execFileSync("gcc", [
    "-static",
    "-O2",
    "-o",
    join(ctx, "agent-probe"),
    join(REPO_ROOT, "itg/fixtures/agent-probe.c"),
  ]);
  const out = await mkdtemp(join(tmpdir(), "kiln-ssh-out-"));
  await client.solve(
    dockerfileSolve(ctx, {
      frontendAttrs: dockerfileFrontendAttrs({ platforms: ["linux/amd64"], noCache: true }),
      exporters: [{ type: "local", attrs: {}, dest: out }],
      attachables: [sshAgents(new Map([["default", socket]]))],
    }),
  );
  expect(await readFile(join(out, "identities"), "utf8")).toBe("identities: 1\n");
});

test("an ssh mount whose ID the client does not serve fails with the daemon naming the key", async () => {
  const ctx = await contextWith({
    Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nRUN --mount=type=ssh,id=deploy,required=true true\n`,
  });
  const err = await client
    .solve(
      dockerfileSolve(ctx, {
        frontendAttrs: dockerfileFrontendAttrs({ platforms: ["linux/amd64"], noCache: true }),
        attachables: [sshAgents(new Map([["default", socket]]))],
      }),
    )
    .catch((e: unknown) => e as Error);
  expect(String(err)).toMatch(/deploy/);
});
