import { DockerError } from "./docker-error.js";

/**
 * Stream ids in Docker's stdcopy framing (moby/moby pkg/stdcopy/stdcopy.go): each frame is an 8-byte header
 * `[stream, 0, 0, 0, uint32 BE length]` and then `length` bytes of payload. `Systemerr` carries an error the
 * daemon itself hit while attached.
 */
export const StdStream = Object.freeze({ Stdin: 0, Stdout: 1, Stderr: 2, Systemerr: 3 });
export type StdStream = (typeof StdStream)[keyof typeof StdStream];

const headerBytes = 8;

export interface StdcopySink {
  stdout(payload: Buffer): void;
  stderr(payload: Buffer): void;
}

/**
 * Incremental stdcopy demultiplexer: feed it chunks as they arrive, split or merged anyhow; it calls the sink
 * once per complete frame payload (payloads larger than a chunk are delivered in pieces as they complete).
 */
export class StdcopyDemuxer {
  private buffered: Buffer = Buffer.alloc(0);
  /** The stream and bytes still owed by the frame being read, when its header was consumed. */
  private current: { stream: StdStream; remaining: number } | undefined;

  constructor(private readonly sink: StdcopySink) {}

  /** Consumes one chunk; throws a DockerError on a malformed header or a daemon system error. */
  push(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    for (;;) {
      if (this.current) {
        if (this.buffered.length === 0) return;
        const take = Math.min(this.current.remaining, this.buffered.length);
        const payload = this.buffered.subarray(0, take);
        this.buffered = this.buffered.subarray(take);
        this.current.remaining -= take;
        const stream = this.current.stream;
        const done = this.current.remaining === 0;
        if (done) this.current = undefined;
        this.deliver(stream, payload, done);
        continue;
      }
      if (this.buffered.length < headerBytes) return;
      const stream = this.buffered[0] as number;
      if (stream > StdStream.Systemerr || this.buffered[1] !== 0 || this.buffered[2] !== 0 || this.buffered[3] !== 0) {
        const header = this.buffered.subarray(0, headerBytes).toString("hex");
        throw new DockerError(`malformed stdcopy frame header ${header}: is the exec attached with a TTY?`);
      }
      const length = this.buffered.readUInt32BE(4);
      this.buffered = this.buffered.subarray(headerBytes);
      if (length === 0) {
        this.deliver(stream as StdStream, Buffer.alloc(0), true);
        continue;
      }
      this.current = { stream: stream as StdStream, remaining: length };
    }
  }

  /** Whether the input ended between frames; false means the connection was cut inside a frame. */
  get atFrameBoundary(): boolean {
    return this.current === undefined && this.buffered.length === 0;
  }

  private deliver(stream: StdStream, payload: Buffer, frameDone: boolean): void {
    if (stream === StdStream.Systemerr) {
      // The daemon's own error while attached: report it whole once its frame is complete.
      this.systemError.push(payload);
      if (frameDone) {
        const message = Buffer.concat(this.systemError).toString("utf8").trim();
        this.systemError = [];
        throw new DockerError(`the Docker daemon reported: ${message || "an error while attached"}`);
      }
      return;
    }
    if (payload.length === 0) return;
    if (stream === StdStream.Stderr) this.sink.stderr(payload);
    else this.sink.stdout(payload); // stdin (0) is never echoed without a TTY; count it as output.
  }

  private systemError: Buffer[] = [];
}
