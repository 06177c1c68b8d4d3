import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { DockerError } from "./docker-error.js";
import { dockerRequest } from "./docker-request.js";
import { formatDockerHost, type DockerHost } from "./docker-host.js";

export interface HijackOptions {
  /** Extra request headers; an array sends the header once per value. */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/**
 * POSTs to `path` asking the daemon to switch protocols to `proto` and resolves to the raw connection once
 * it answers 101. This is how the Engine exposes BuildKit: `/grpc` (Control API) and `/session`
 * (moby/moby api/server/router/{grpc,session}, client/hijack.go).
 */
export function hijack(host: DockerHost, path: string, proto: string, options: HijackOptions = {}): Promise<Duplex> {
  const { headers = {}, signal, timeoutMs = 30_000 } = options;
  return new Promise((resolve, reject) => {
    const where = `${formatDockerHost(host)}${path}`;
    const req = dockerRequest(host, {
      method: "POST",
      path,
      headers: { ...headers, Connection: "Upgrade", Upgrade: proto } as Record<string, string | string[]>,
      signal,
      timeout: timeoutMs,
    });
    req.on("upgrade", (res, socket: Socket, head: Buffer) => {
      socket.setTimeout(0);
      socket.setNoDelay(true);
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8").trim();
        reject(
          new DockerError(`failed to upgrade ${where} to ${proto}: HTTP ${res.statusCode}${body ? `: ${body}` : ""}`, {
            status: res.statusCode ?? 0,
          }),
        );
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (cause) =>
      reject(new DockerError(`failed to connect to the Docker daemon at ${where}: ${cause.message}`, { cause })),
    );
    req.end();
  });
}
