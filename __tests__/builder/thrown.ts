import { expect } from "vitest";
import { BuildkitError } from "../../src/buildkit/index.js";

/** The BuildkitError `f` throws; fails the test when it throws something else or nothing. */
export function thrown(f: () => unknown): BuildkitError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(BuildkitError);
    return err as BuildkitError;
  }
  throw new Error("expected an error");
}
