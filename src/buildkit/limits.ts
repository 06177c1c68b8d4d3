/**
 * The Go client and the daemon's session client both allow 16 MiB messages (moby/buildkit client/client.go,
 * session/grpc.go); grpc-js defaults to 4 MiB for receiving, which large StatusResponse batches exceed.
 */
export const maxMessageBytes = 16 * 1024 * 1024;

export const grpcChannelOptions = {
  "grpc.max_receive_message_length": maxMessageBytes,
  "grpc.max_send_message_length": maxMessageBytes,
} as const;
