// The least a Node client of BuildKit's gRPC API can do: load @grpc/grpc-js, make one Control.Info call with an
// empty request, print nothing, exit. The bench bundles it the way Kiln is bundled and times it against
// `buildctl debug info`: what the runtime itself costs before any of Kiln's own work.
import { Client, credentials } from "@grpc/grpc-js";

const [address] = process.argv.slice(2);
const client = new Client(address, credentials.createInsecure());
const bytes = (b) => b;
client.makeUnaryRequest("/moby.buildkit.v1.Control/Info", bytes, bytes, Buffer.alloc(0), (err) => {
  client.close();
  if (err) {
    process.stderr.write(`Control.Info failed: ${err.message}\n`);
    process.exitCode = 1;
  }
});
