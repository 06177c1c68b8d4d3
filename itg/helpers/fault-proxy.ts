// A loopback HTTP proxy in front of a plain registry that injects faults once the push is done (the tag's manifest
// PUT): registry reads that fail with 500, or PUTs that are never answered.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FaultProxy {
  /** host:port to use as the registry in image names. */
  readonly address: string;
  /** GET/HEAD requests answered 500 so far. */
  readonly failedReads: number;
  /** The paths of those requests, in order. */
  readonly failedPaths: readonly string[];
  close(): Promise<void>;
}

export interface Faults {
  /** After the first tag PUT: answer this many GET/HEAD requests with 500 (Infinity: all of them). */
  readonly failReadsAfterPush?: number;
  /** Never answer a manifest PUT by tag (the index or manifest that names the image). */
  readonly hangTagPut?: boolean;
}

const tagPut = /^\/v2\/.+\/manifests\/(?!sha256:)[^/]+$/;

export async function startFaultProxy(upstream: string, faults: Faults): Promise<FaultProxy> {
  let pushed = false;
  let failedReads = 0;
  const failedPaths: string[] = [];
  const hung: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const isRead = req.method === "GET" || req.method === "HEAD";
    if (pushed && isRead && failedReads < (faults.failReadsAfterPush ?? 0) && url !== "/v2/") {
      failedReads++;
      failedPaths.push(url.split("?")[0]!);
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code: "UNKNOWN", message: "injected fault" }] }));
      return;
    }
    if (req.method === "PUT" && tagPut.test(url.split("?")[0]!)) {
      if (faults.hangTagPut) {
        hung.push(res);
        req.resume();
        return;
      }
      res.on("finish", () => (pushed = true));
    }
    const [host, port] = upstream.split(":");
    const out = request(
      { host, port: Number(port), method: req.method, path: url, headers: { ...req.headers, host: upstream } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    get failedReads() {
      return failedReads;
    },
    get failedPaths() {
      return failedPaths;
    },
    close: () =>
      new Promise((r) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
