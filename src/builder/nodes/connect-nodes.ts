import { BuildkitClient } from "../../buildkit/index.js";
import { remoteEndpoint, type RemoteTlsInput } from "../remote-endpoint.js";
import type { NodePart, NodePlan } from "./plan-nodes.js";

/** A client per part of a node plan: the default builder's for its part, a fresh connection for each node. */
export interface NodeClients {
  clientFor(part: NodePart): BuildkitClient;
  /** Closes the node connections (never the default builder's client, which its opener owns). */
  close(): Promise<void>;
}

/** Connects to every node the plan uses; on a failure, closes what it opened and rethrows. */
export async function connectNodes(
  plan: NodePlan,
  fallback: BuildkitClient,
  options: { readonly tls?: RemoteTlsInput } = {},
): Promise<NodeClients> {
  const clients = new Map<NodePart, BuildkitClient>();
  const close = async (): Promise<void> => {
    for (const [part, client] of clients) if (part.kind !== "default") await client.close();
  };
  try {
    for (const part of plan.parts) {
      clients.set(
        part,
        part.kind === "default"
          ? fallback
          : await BuildkitClient.connect(
              remoteEndpoint({
                endpoint: part.endpoint,
                // driver-opts TLS material applies to tcp nodes; a unix socket has no TLS.
                ...(options.tls && part.endpoint.startsWith("tcp://") ? { tls: options.tls } : {}),
              }),
            ),
      );
    }
  } catch (err) {
    await close();
    throw err;
  }
  return {
    clientFor: (part) => {
      const client = clients.get(part);
      if (client === undefined) throw new Error(`no connection for the part building ${part.platforms.join(", ")}`);
      return client;
    },
    close,
  };
}
