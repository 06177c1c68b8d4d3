import type { Server } from "@grpc/grpc-js";

/**
 * A feature the client serves to the daemon during a solve (file sync, auth, secrets, ...). It registers its
 * handlers and returns the method paths it serves, which are announced in the session headers.
 */
export interface Attachable {
  register(server: Server): readonly string[];
}
