import { Duplex } from "node:stream";
import type { ClientDuplexStream } from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import { BytesMessageSchema, type BytesMessage } from "../gen/moby/buildkit/v1/control_pb.js";

/**
 * Presents the Control.Session bidi stream as a byte stream: each BytesMessage carries raw HTTP/2 bytes of
 * the session connection (moby/buildkit session/grpchijack).
 */
export function sessionBytesStream(call: ClientDuplexStream<BytesMessage, BytesMessage>): Duplex {
  const duplex = new Duplex({
    read() {
      call.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (call.write(create(BytesMessageSchema, { data: chunk }))) callback();
      else call.once("drain", () => callback());
    },
    final(callback) {
      call.end();
      callback();
    },
    destroy(err, callback) {
      call.cancel();
      callback(err);
    },
  });
  call.on("data", (message: BytesMessage) => {
    if (!duplex.push(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength))) call.pause();
  });
  call.on("end", () => duplex.push(null));
  call.on("error", (err) => duplex.destroy(err));
  return duplex;
}
