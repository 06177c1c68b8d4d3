/**
 * What to do when BuildKit could not talk to a registry the way it expected, appended to the daemon's own message
 * so the one error line names the registry and the input to set:
 * - "http: server gave HTTP response to HTTPS client": the registry speaks plain HTTP (Go net/http's words, as
 *   BuildKit's resolver reports them for FROM, cache import/export and push alike);
 * - "x509: certificate signed by unknown authority" (and Go's other x509 verification failures): a certificate
 *   the daemon does not trust.
 * - "400 Bad Request" from an http:// URL on a loopback host: BuildKit speaks plain HTTP to localhost registries it
 *   has no config for (containerd's MatchLocalhost), and a TLS registry answers that with 400.
 * The registry is the host of the first https:// URL in the message.
 */
export function registryHint(message: string): string | undefined {
  const loopback = /http:\/\/((?:localhost|127\.[\d.]+|\[::1\])(?::\d+)?)\/[^\s"]*: 400 Bad Request/.exec(message)?.[1];
  if (loopback !== undefined) {
    return (
      `${loopback} answered plain HTTP with 400, so it speaks TLS (BuildKit uses plain HTTP for a loopback ` +
      `registry it has no config for): add it to insecure-registries, or give its CA in buildkitd-config-inline ` +
      `as [registry."${loopback}"] http = false, ca = ["/path/ca.pem"] (driver docker-container)`
    );
  }
  const host = /https:\/\/([^/\s"]+)/.exec(message)?.[1];
  if (host === undefined) return undefined;
  if (/server gave HTTP response to HTTPS client/.test(message)) {
    return (
      `${host} speaks plain HTTP: add it to insecure-registries (driver docker-container; with driver docker the ` +
      `Docker daemon's "insecure-registries" must list it, with driver remote its buildkitd.toml ` +
      `[registry."${host}"] http = true)`
    );
  }
  if (/x509: |tls: failed to verify certificate/.test(message)) {
    return (
      `${host} presents a certificate the builder does not trust: add it to insecure-registries, or give its CA ` +
      `in buildkitd-config-inline as [registry."${host}"] ca = ["/path/ca.pem"] (driver docker-container)`
    );
  }
  return undefined;
}
