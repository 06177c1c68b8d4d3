import { describe, expect, it } from "vitest";
import { DockerError, StdcopyDemuxer } from "../../src/docker/index.js";

function frame(stream: number, payload: string | Buffer): Buffer {
  const data = typeof payload === "string" ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

/** Splits a buffer at the given offsets. */
function split(buffer: Buffer, cuts: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, buffer.length]) {
    out.push(buffer.subarray(from, cut));
    from = cut;
  }
  return out;
}

function demux(chunks: readonly Buffer[]): { stdout: string; stderr: string; boundary: boolean } {
  let stdout = "";
  let stderr = "";
  const d = new StdcopyDemuxer({
    stdout: (p) => (stdout += p.toString()),
    stderr: (p) => (stderr += p.toString()),
  });
  for (const c of chunks) d.push(c);
  return { stdout, stderr, boundary: d.atFrameBoundary };
}

const wire = Buffer.concat([frame(1, "hello "), frame(2, "warning\n"), frame(1, "world\n"), frame(2, "")]);

describe("StdcopyDemuxer", () => {
  it.each([
    ["one chunk holding every frame", [] as number[]],
    ["a chunk per byte", Array.from({ length: wire.length - 1 }, (_, i) => i + 1)],
    ["a header split in two", [3]],
    ["a cut right after a header", [8]],
    ["a payload split across chunks", [10, 12]],
    ["a chunk ending one frame and starting the next", [16, 30]],
  ])("demultiplexes %s", (_name, cuts) => {
    expect(demux(split(wire, cuts))).toEqual({ stdout: "hello world\n", stderr: "warning\n", boundary: true });
  });

  it("delivers a large payload whose frame spans many chunks", () => {
    const big = Buffer.alloc(100_000, 0x61);
    const chunks = split(frame(1, big), [5, 8, 9, 4096, 65_536, 99_999]);
    expect(demux(chunks).stdout).toBe(big.toString());
  });

  it.each([
    ["inside a header", 4],
    ["inside a payload", 10],
  ])("reports input that stops %s as not at a frame boundary", (_name, at) => {
    expect(demux([wire.subarray(0, at)]).boundary).toBe(false);
  });

  it("rejects raw TTY output with a hint", () => {
    expect(() => demux([Buffer.from("plain text output\n")])).toThrow(/malformed stdcopy frame header.*TTY/);
  });

  it("raises the daemon's system error (stream 3) once its frame is complete", () => {
    const chunks = split(Buffer.concat([frame(1, "ok"), frame(3, "exec failed: no such file")]), [12, 20]);
    let caught: unknown;
    try {
      demux(chunks);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DockerError);
    expect((caught as Error).message).toBe("the Docker daemon reported: exec failed: no such file");
  });
});
