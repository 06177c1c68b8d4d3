// Preloaded with `node --import` into a Kiln bundle by the bench: records when the process first dials BuildKit
// (grpc-js connects on the first call, so this is the first gRPC call's start), as epoch milliseconds with
// sub-millisecond precision, and the process's CPU time until then (ms), in the file KILN_BENCH_FIRST_CONNECT names. Nothing else in the process changes.
import { writeFileSync } from "node:fs";
import net from "node:net";
import { performance } from "node:perf_hooks";

const file = process.env["KILN_BENCH_FIRST_CONNECT"];
const socket = process.env["KILN_BENCH_SOCKET"];
if (file && socket) {
  const connect = net.Socket.prototype.connect;
  let seen = false;
  net.Socket.prototype.connect = function (...args) {
    // net.connect() passes its normalised arguments as one array.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const path = typeof first === "string" ? first : first && typeof first === "object" ? first.path : undefined;
    if (!seen && path === socket) {
      seen = true;
      const cpu = process.cpuUsage();
      writeFileSync(file, `${performance.timeOrigin + performance.now()} ${(cpu.user + cpu.system) / 1000}`);
    }
    return connect.apply(this, args);
  };
}
