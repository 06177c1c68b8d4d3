import { describe, expect, it } from "vitest";
import { parseDriverOpts } from "../../src/plan/builder/parse-driver-opts.js";
import { InputError } from "../../src/plan/input-error.js";

const ctx = { workspace: "/ws", hasNodes: false };
const fails = (input: string, driver: string, hasNodes = false): InputError => {
  try {
    parseDriverOpts(input, driver, { ...ctx, hasNodes });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe("driver-opts");
    expect((err as Error).message).not.toContain("\n");
    return err as InputError;
  }
  throw new Error("expected an InputError");
};

describe("parseDriverOpts", () => {
  it("takes docker-container keys, comma-separated or one per line", () => {
    const opts = parseDriverOpts(
      "image=127.0.0.1:5000/kiln/buildkit:v0.26.3,network=host\nenv.BUILDKIT_STEP_LOG_MAX_SIZE=10485760\nmemory=2g,memory-swap=-1\ncpu-quota=50000,cpu-period=100000,cpu-shares=512,cpuset-cpus=0-1",
      "docker-container",
      ctx,
    );
    expect(opts).toEqual({
      image: "127.0.0.1:5000/kiln/buildkit:v0.26.3",
      network: "host",
      env: { BUILDKIT_STEP_LOG_MAX_SIZE: "10485760" },
      resources: {
        memoryBytes: 2 * 1024 ** 3,
        memorySwapBytes: -1,
        cpuQuota: 50000,
        cpuPeriod: 100000,
        cpuShares: 512,
        cpusetCpus: "0-1",
      },
    });
  });

  it("resolves remote TLS paths against the workspace and keeps the server name", () => {
    const opts = parseDriverOpts(
      "cacert=certs/ca.pem,cert=/abs/cert.pem,key=certs/key.pem,servername=buildkitd",
      "remote",
      ctx,
    );
    expect(opts.tls).toEqual({
      caFile: "/ws/certs/ca.pem",
      certFile: "/abs/cert.pem",
      keyFile: "/ws/certs/key.pem",
      serverName: "buildkitd",
    });
    expect(opts.image).toBeUndefined();
  });

  it("accepts TLS keys with another driver when tcp nodes use them", () => {
    expect(parseDriverOpts("cacert=ca.pem", "docker", { ...ctx, hasNodes: true }).tls).toEqual({
      caFile: "/ws/ca.pem",
    });
  });

  it("is empty for an empty input", () => {
    expect(parseDriverOpts("", "docker-container", ctx)).toEqual({ env: {}, resources: {} });
  });

  it("refuses, in one line naming driver-opts, what the driver cannot take or is malformed", () => {
    expect(fails("cacert=ca.pem", "docker-container").message).toMatch(/cacert= applies to driver remote/);
    expect(fails("image=x", "remote").message).toMatch(
      /expected keys for driver remote \(cacert, cert, key, servername\), got "image"/,
    );
    expect(fails("image=x", "docker").message).toMatch(/expected keys for driver docker \(none\)/);
    expect(fails("justakey", "docker-container").message).toMatch(/expected key=value items, got "justakey"/);
    expect(fails("cpu-quota=half", "docker-container").message).toMatch(/cpu-quota=<integer>/);
    expect(fails("env.1BAD=x", "docker-container").message).toMatch(/env\.NAME=value/);
    expect(fails("network=a b", "docker-container").message).toMatch(/network=/);
    expect(fails("colour=blue", "docker-container").message).toMatch(
      /expected keys for driver docker-container \(image, network/,
    );
    expect(fails("cert=c.pem", "remote").message).toMatch(/cert= and key= together/);
  });
});
