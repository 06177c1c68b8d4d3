/**
 * The Go client and the daemon's session client both allow 16 MiB messages (moby/buildkit client/client.go,
 * session/grpc.go); grpc-js defaults to 4 MiB for receiving, which large StatusResponse batches exceed.
 */
export const maxMessageBytes = 16 * 1024 * 1024;

/**
 * HTTP/2 keepalive: a connection whose peer stopped acknowledging pings (a cut network, a dead host) is closed
 * instead of waited on forever. The interval stays above grpc-go's default enforcement minimum (5 min, which
 * buildkitd and dockerd keep): pinging more often while a stream is silent (a long RUN) earns a GOAWAY
 * "too_many_pings" that would kill the build. A frozen daemon is noticed sooner by the solve's liveness probe.
 */
export const keepalive = {
  "grpc.keepalive_time_ms": 330_000,
  "grpc.keepalive_timeout_ms": 20_000,
  "grpc.keepalive_permit_without_calls": 0,
} as const;

export const grpcChannelOptions = {
  "grpc.max_receive_message_length": maxMessageBytes,
  "grpc.max_send_message_length": maxMessageBytes,
  ...keepalive,
} as const;
