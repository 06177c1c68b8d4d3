/**
 * What to do when the daemon refuses an entitlement the build asked for (the `allow` input, `network: host`, a
 * `RUN --network=host` or `--security=insecure`). BuildKit says only "granting entitlement network.host is not
 * allowed by build daemon configuration" (seen on v0.26.3 and on Docker 26's v0.13): buildkitd grants one only
 * when started with `--allow-insecure-entitlement <name>`. Kiln's docker-container builder passes both by default
 * (DEFAULT_BUILDKITD_FLAGS), so they go missing where `buildkitd-flags` replaced the defaults, or on a daemon
 * Kiln does not start (driver remote).
 */
export function entitlementHint(message: string): string | undefined {
  const name = /granting entitlement ([\w.-]+) is not allowed by build daemon configuration/.exec(message)?.[1];
  if (name === undefined) return undefined;
  return (
    `the builder's buildkitd must be started with --allow-insecure-entitlement ${name} (driver docker-container: ` +
    `keep it in buildkitd-flags; driver remote: the daemon's owner must add it), or drop it from allow/network`
  );
}
