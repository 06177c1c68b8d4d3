import { describe, expect, it, vi } from "vitest";
import { RegistryError } from "../../src/registry/index.js";
import { withRetry } from "../../src/registry/retry.js";

const policy = { attempts: 4, firstBackoffMs: 1 };

describe("withRetry", () => {
  it("retries an unavailable registry and returns the first success", async () => {
    let calls = 0;
    const result = await withRetry(policy, undefined, () => {
      calls++;
      if (calls < 3) return Promise.reject(new RegistryError("HTTP 500", "unavailable"));
      return Promise.resolve("ok");
    });
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  it("gives up after the attempts with the last error", async () => {
    const attempt = vi.fn(() => Promise.reject(new RegistryError("HTTP 503", "unavailable")));
    await expect(withRetry(policy, undefined, attempt)).rejects.toThrow("HTTP 503");
    expect(attempt).toHaveBeenCalledTimes(4);
  });

  it("does not retry what a retry cannot fix", async () => {
    for (const code of ["not-found", "unauthorized", "invalid", "aborted"] as const) {
      const attempt = vi.fn(() => Promise.reject(new RegistryError(code, code)));
      await expect(withRetry(policy, undefined, attempt)).rejects.toThrow(code);
      expect(attempt).toHaveBeenCalledTimes(1);
    }
  });

  it("stops when the caller aborts", async () => {
    const abort = new AbortController();
    const attempt = vi.fn(() => {
      abort.abort();
      return Promise.reject(new RegistryError("HTTP 500", "unavailable"));
    });
    await expect(withRetry(policy, abort.signal, attempt)).rejects.toThrow("HTTP 500");
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
