import { describe, expect, it } from "vitest";
import { exitReason } from "../../src/builder/docker-container/exit-reason.js";

describe("exitReason", () => {
  it("takes urfave/cli's usage complaint, which comes before the usage text", () => {
    const log = "Incorrect Usage. flag provided but not defined: -no-such-flag\n\nNAME:\n   buildkitd - build daemon\n";
    expect(exitReason(log)).toBe("Incorrect Usage. flag provided but not defined: -no-such-flag");
  });
  it("takes buildkitd's last fatal line", () => {
    const log =
      'time="x" level=info msg="auto snapshotter: using overlayfs"\nbuildkitd: first\nbuildkitd: strconv.ParseBool: parsing "nope": invalid syntax\n';
    expect(exitReason(log)).toBe('buildkitd: strconv.ParseBool: parsing "nope": invalid syntax');
  });
  it("has nothing to say for a log without either", () => {
    expect(exitReason('time="x" level=info msg="running server"\n')).toBeUndefined();
  });
});
