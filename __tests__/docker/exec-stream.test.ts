import { Duplex, PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ExecStream } from "../../src/docker/index.js";

function frame(stream: number, payload: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(Buffer.byteLength(payload), 4);
  return Buffer.concat([header, Buffer.from(payload)]);
}

/** A fake hijacked connection: `fromDaemon` feeds what the stream reads, `toDaemon` collects what it writes. */
function fakeConnection(): { socket: Duplex; fromDaemon: PassThrough; toDaemon: PassThrough } {
  const fromDaemon = new PassThrough();
  const toDaemon = new PassThrough();
  const socket = Duplex.from({ readable: fromDaemon, writable: toDaemon });
  return { socket, fromDaemon, toDaemon };
}

function readAll(stream: Duplex): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    stream.on("data", (c: Buffer) => (text += c.toString()));
    stream.on("end", () => resolve(text));
    stream.on("error", reject);
  });
}

describe("ExecStream", () => {
  it("reads stdout only, keeps stderr apart, and writes stdin raw", async () => {
    const { socket, fromDaemon, toDaemon } = fakeConnection();
    const exec = new ExecStream(socket, "exec-1");
    const written: Buffer[] = [];
    toDaemon.on("data", (c: Buffer) => written.push(c));
    const out = readAll(exec);
    exec.write("to stdin");
    const wire = Buffer.concat([frame(1, "out 1 "), frame(2, "err 1\n"), frame(1, "out 2")]);
    fromDaemon.write(wire.subarray(0, 11));
    fromDaemon.end(wire.subarray(11));
    expect(await out).toBe("out 1 out 2");
    expect(exec.stderr).toBe("err 1\n");
    expect(Buffer.concat(written).toString()).toBe("to stdin");
    expect(exec.execId).toBe("exec-1");
  });

  it("fails when the connection ends inside a frame", async () => {
    const { socket, fromDaemon } = fakeConnection();
    const exec = new ExecStream(socket, "exec-2");
    const out = readAll(exec);
    fromDaemon.end(frame(1, "truncated").subarray(0, 10));
    await expect(out).rejects.toThrow("the exec's output ended inside a stdcopy frame");
  });

  it("fails with the daemon's message on a system-error frame", async () => {
    const { socket, fromDaemon } = fakeConnection();
    const exec = new ExecStream(socket, "exec-3");
    const out = readAll(exec);
    fromDaemon.end(frame(3, "OCI runtime exec failed"));
    await expect(out).rejects.toThrow("the Docker daemon reported: OCI runtime exec failed");
  });
});
