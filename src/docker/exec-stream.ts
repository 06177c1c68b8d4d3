import { Duplex } from "node:stream";
import { StdcopyDemuxer } from "./stdcopy.js";

/** How much of stderr an ExecStream keeps for messages; the rest is counted but dropped. */
const stderrKeepBytes = 64 * 1024;

/**
 * The stdio of an attached exec as one Duplex: writes go to the process's stdin, reads are its stdout
 * (demultiplexed from Docker's stdcopy framing), stderr is collected apart for error messages. Ending the
 * writable side half-closes the connection, which the daemon turns into EOF on stdin.
 */
export class ExecStream extends Duplex {
  private readonly demuxer: StdcopyDemuxer;
  private readonly stderrChunks: Buffer[] = [];
  private stderrBytes = 0;

  constructor(
    private readonly socket: Duplex,
    /** The exec's id, for `inspectExec` (exit code). */
    readonly execId: string,
  ) {
    super({ allowHalfOpen: true });
    this.demuxer = new StdcopyDemuxer({
      stdout: (payload) => {
        if (!this.push(payload)) this.socket.pause();
      },
      stderr: (payload) => {
        if (this.stderrBytes < stderrKeepBytes) this.stderrChunks.push(payload);
        this.stderrBytes += payload.length;
      },
    });
    socket.on("data", (chunk: Buffer) => {
      try {
        this.demuxer.push(chunk);
      } catch (err) {
        this.destroy(err as Error);
      }
    });
    socket.on("end", () => {
      if (!this.demuxer.atFrameBoundary) {
        this.destroy(new Error("the exec's output ended inside a stdcopy frame"));
        return;
      }
      this.push(null);
    });
    socket.on("error", (err) => this.destroy(err));
    socket.on("close", () => {
      if (!this.readableEnded && !this.destroyed) this.push(null);
    });
  }

  /** Everything the process wrote to stderr so far (the first 64 KiB), as text. */
  get stderr(): string {
    return Buffer.concat(this.stderrChunks).toString("utf8");
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
