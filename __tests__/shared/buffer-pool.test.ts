import { describe, expect, it } from "vitest";
import { BufferPool } from "../../src/shared/buffer-pool.js";

describe("BufferPool", () => {
  it("serves views of the requested size and reuses a block once it is given back", () => {
    const pool = new BufferPool(1024, 2);
    const a = pool.take(100);
    expect(a.byteLength).toBe(100);
    expect(a.buffer.byteLength).toBe(1024);
    pool.give(a);
    const b = pool.take(1024);
    expect(b.buffer).toBe(a.buffer);
  });

  it("never hands one block to two holders: a block still lent, or given back twice, is not reused", () => {
    const pool = new BufferPool(64, 4);
    const a = pool.take(64);
    const b = pool.take(64);
    expect(b.buffer).not.toBe(a.buffer);
    pool.give(a);
    pool.give(a.subarray(10));
    const c = pool.take(64);
    const d = pool.take(64);
    expect(c.buffer).toBe(a.buffer);
    expect(d.buffer).not.toBe(a.buffer);
  });

  it("ignores buffers it did not lend, even of a block's size", () => {
    const pool = new BufferPool(64, 4);
    const foreign = Buffer.allocUnsafeSlow(64);
    pool.give(foreign);
    expect(pool.take(64).buffer).not.toBe(foreign.buffer);
  });

  it("allocates what does not fit a block, and keeps at most `keep` blocks", () => {
    const pool = new BufferPool(64, 1);
    const big = pool.take(65);
    expect(big.byteLength).toBe(65);
    const [a, b] = [pool.take(64), pool.take(64)];
    pool.give(a);
    pool.give(b);
    const c = pool.take(64);
    const d = pool.take(64);
    expect(c.buffer).toBe(a.buffer);
    expect(d.buffer).not.toBe(b.buffer);
  });
});
