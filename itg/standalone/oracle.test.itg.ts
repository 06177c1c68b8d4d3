// The correctness oracle on the standalone BuildKit v0.26 (itg/buildkit/oracle.test.itg.ts does the same against
// Docker's embedded v0.13 with buildx): Kiln's per-platform manifest digests equal `buildctl build`'s on the SAME
// daemon, each side after `buildctl prune --all`, same flags, SOURCE_DATE_EPOCH and rewrite-timestamp=true.
// The daemon is this file's own buildkitd (itg/helpers/own-buildkitd.ts), so the prunes never touch the shared one.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { removeBuilder } from "../../src/builder/docker-container/index.js";
import { parseDockerHost } from "../../src/docker/index.js";
import { makeCorpus, type CorpusCase } from "../buildkit/corpus.js";
import { buildctlBuild, type BuildkitAddress } from "../helpers/buildctl-build.js";
import { stackMtls, stackOwnBuildkitd, startOwnBuildkitd, type OwnBuildkitdWithTcp } from "../helpers/own-buildkitd.js";
import { platformDigests } from "../helpers/registry-http.js";
import { loadStackEnv, run as exec, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { corpusInputs, runKiln } from "./kiln-pipeline.js";

const epoch = 1_700_000_000;
const run = Date.now().toString(36);

let env: StackEnv;
let corpus: CorpusCase[];
let daemon: OwnBuildkitdWithTcp;
/** buildctl on the daemon's unix socket. */
let unix: BuildkitAddress;

beforeAll(async () => {
  env = await loadStackEnv();
  corpus = await makeCorpus(env.KILN_BASE_IMAGE);
  daemon = await startOwnBuildkitd({ ...stackOwnBuildkitd(env), tcp: stackMtls(env), killOnExit: true });
  unix = { buildctl: env.KILN_BUILDCTL, addr: daemon.address };
});

afterAll(async () => {
  await daemon?.stop();
});

/** buildctl's per-platform digests for case `name` on `target`, after a prune. */
async function reference(
  c: CorpusCase,
  target: BuildkitAddress,
  repo: string,
  prune = () => daemon.prune(),
): Promise<Record<string, string>> {
  await prune();
  await buildctlBuild(target, c, `${repo}:buildctl-${run}`, epoch);
  const digests = await platformDigests(`${repo}:buildctl-${run}`);
  expect(Object.keys(digests).sort()).toEqual([...c.platforms].sort());
  return digests;
}

const ALL = [
  "multistage-emulated",
  "heredocs",
  "copy-flags",
  "dockerignore",
  "awkward-fs",
  "secrets",
  "named-contexts",
  "dockerfile-outside-context",
];

describe("remote driver on the unix socket (the pipeline, driver: remote): digests equal buildctl's", () => {
  test.each(ALL)("%s", async (name) => {
    const c = corpus.find((x) => x.name === name)!;
    const repo = `${env.KILN_REGISTRY}/standalone-oracle/${name}`;
    const want = await reference(c, unix, repo);

    await daemon.prune();
    const ref = `${repo}:kiln-unix-${run}`;
    const kiln = await runKiln({ ...corpusInputs(c, ref, epoch), driver: "remote", endpoint: daemon.address });
    expect(kiln.outcome.builder.buildkitVersion).toBe(env.KILN_BUILDKIT_VERSION);
    expect(await platformDigests(ref)).toEqual(want);
  });
});

describe("remote driver over mTLS tcp (driver-opts cacert, cert, key): digests equal buildctl's over the same tcp", () => {
  test.each(["copy-flags", "named-contexts"])("%s", async (name) => {
    const c = corpus.find((x) => x.name === name)!;
    const repo = `${env.KILN_REGISTRY}/standalone-oracle/${name}`;
    const want = await reference(c, daemon.tcp, repo);

    await daemon.prune();
    const ref = `${repo}:kiln-tcp-${run}`;
    const tls = daemon.tcp.tls!;
    await runKiln({
      ...corpusInputs(c, ref, epoch),
      driver: "remote",
      endpoint: daemon.tcp.addr,
      "driver-opts": `cacert=${tls.ca},cert=${tls.cert},key=${tls.key}`,
    });
    expect(await platformDigests(ref)).toEqual(want);
  });
});

// The docker-container driver with the stack's BuildKit image (`driver-opts: image=`): a real buildkitd v0.26 in a
// container Kiln starts on Docker's daemon. buildctl reaches the same container through its docker-container://
// connection helper (`docker exec ... buildctl dial-stdio`).
describe("docker-container driver (driver-opts image=<the stack's BuildKit image>): digests equal buildctl's in the same container", () => {
  const name = uniqueTag("standalone-oracle");
  const target = (): BuildkitAddress => ({
    buildctl: env.KILN_BUILDCTL,
    addr: `docker-container://kiln_buildkit_${name}`,
  });
  const prune = async (): Promise<void> =>
    void (await exec(env.KILN_BUILDCTL, ["--addr", target().addr, "prune", "--all"]));
  const build = (c: CorpusCase, ref: string) =>
    runKiln(
      { ...corpusInputs(c, ref, epoch), driver: "docker-container", "driver-opts": `image=${env.KILN_BUILDKIT_IMAGE}` },
      process.env,
      { builderName: name },
    );

  afterAll(async () => {
    await removeBuilder(parseDockerHost(env.DOCKER_HOST), name);
  });

  test.each(["multistage-emulated", "dockerignore"])("%s", async (caseName) => {
    const c = corpus.find((x) => x.name === caseName)!;
    const repo = `${env.KILN_REGISTRY}/standalone-oracle/${caseName}`;
    // Kiln starts the container (the first case) or reuses it; buildctl then finds it running.
    const warmup = await build(c, `${repo}:kiln-container-warmup-${run}`);
    expect(warmup.outcome.builder.buildkitVersion).toBe(env.KILN_BUILDKIT_VERSION);
    const want = await reference(c, target(), repo, prune);

    await prune();
    const ref = `${repo}:kiln-container-${run}`;
    await build(c, ref);
    expect(await platformDigests(ref)).toEqual(want);
  });
});
