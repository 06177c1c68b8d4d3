// A loopback HTTP proxy in front of the plain registry that can be told to refuse manifest PUTs, to show that a
// registry refusing the index leaves no tag behind. Host headers pass unchanged, so the registry's upload
// Locations point back at the proxy.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RefusingProxy {
  /** `127.0.0.1:<port>`, a registry host for image references. */
  readonly host: string;
  /** From now on, answer every `PUT /v2/<name>/manifests/<ref>` with this status; 0 forwards them again. */
  refuseManifestPuts(status: 0 | 403 | 500): void;
  /** Manifest PUTs refused so far. */
  refused(): number;
  close(): Promise<void>;
}

export async function startRefusingProxy(upstream: string): Promise<RefusingProxy> {
  const [upHost, upPort] = upstream.split(":");
  let status = 0;
  let refused = 0;
  const server: Server = createServer((req, res) => {
    if (status !== 0 && req.method === "PUT" && /^\/v2\/.+\/manifests\/[^/]+$/.test(req.url ?? "")) {
      refused++;
      req.resume();
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code: "DENIED", message: "manifest PUTs refused by the test proxy" }] }));
      return;
    }
    const out = request(
      { host: upHost, port: Number(upPort), method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    refuseManifestPuts: (s) => {
      status = s;
    },
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
