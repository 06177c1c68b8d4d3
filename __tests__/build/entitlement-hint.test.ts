import { describe, expect, it } from "vitest";
import { entitlementHint } from "../../src/build/entitlement-hint.js";
import { describeFailure } from "../../src/build/report-failure.js";

// The message as the stack's standalone BuildKit v0.26.3 reports a `network: host` build it was not started for.
const refused = "failed to solve: granting entitlement network.host is not allowed by build daemon configuration";

describe("entitlementHint", () => {
  it("names the buildkitd flag, the input that carries it, and the inputs that asked for the entitlement", () => {
    const hint = entitlementHint(refused);
    expect(hint).toMatch(/^the builder's buildkitd must be started with --allow-insecure-entitlement network\.host /);
    expect(hint).toContain("buildkitd-flags");
    expect(hint).toContain("allow/network");
    expect(entitlementHint(refused.replace("network.host", "security.insecure"))).toContain(
      "--allow-insecure-entitlement security.insecure",
    );
  });

  it("says nothing about other failures", () => {
    expect(entitlementHint('failed to solve: process "/bin/sh -c exit 3" did not complete successfully')).toBe(
      undefined,
    );
  });

  it("is appended to the daemon's line by describeFailure", () => {
    expect(describeFailure(new Error(refused), { workspace: "/w" })).toEqual([
      { message: `${refused}: ${entitlementHint(refused)}` },
    ]);
  });
});
