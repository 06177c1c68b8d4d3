// Where s3 and azblob cache credentials come from when a cache spec does not give them.

/** AWS variables the SDK would read on the client (buildx fills s3 credentials from them). */
export interface AwsEnv {
  readonly AWS_ACCESS_KEY_ID?: string;
  readonly AWS_SECRET_ACCESS_KEY?: string;
  readonly AWS_SESSION_TOKEN?: string;
  readonly AWS_REGION?: string;
  readonly AWS_DEFAULT_REGION?: string;
  /** BuildKit's own fallback for `bucket`; read by buildkitd from its environment, so filled here instead. */
  readonly AWS_BUCKET?: string;
  readonly AWS_ENDPOINT_URL_S3?: string;
  readonly AWS_ENDPOINT_URL?: string;
}

/** Azure Storage variables: BuildKit's own (`BUILDKIT_AZURE_STORAGE_*`) and the standard Azure CLI/SDK ones. */
export interface AzureEnv {
  readonly BUILDKIT_AZURE_STORAGE_ACCOUNT_URL?: string;
  readonly BUILDKIT_AZURE_STORAGE_ACCOUNT_NAME?: string;
  readonly AZURE_STORAGE_CONNECTION_STRING?: string;
  readonly AZURE_STORAGE_ACCOUNT?: string;
  readonly AZURE_STORAGE_KEY?: string;
}

/** account_url, account_name and key from BuildKit's variables, then a connection string, then the CLI's. */
export function azureDefaults(env: AzureEnv): { accountUrl?: string; accountName?: string; accountKey?: string } {
  const conn = new Map<string, string>();
  for (const part of (env.AZURE_STORAGE_CONNECTION_STRING ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) conn.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const accountName =
    env.BUILDKIT_AZURE_STORAGE_ACCOUNT_NAME || conn.get("accountname") || env.AZURE_STORAGE_ACCOUNT || undefined;
  const suffix = conn.get("endpointsuffix") ?? "core.windows.net";
  const protocol = conn.get("defaultendpointsprotocol") ?? "https";
  const accountUrl =
    env.BUILDKIT_AZURE_STORAGE_ACCOUNT_URL ||
    conn.get("blobendpoint") ||
    (accountName === undefined ? undefined : `${protocol}://${accountName}.blob.${suffix}`);
  const accountKey = env.AZURE_STORAGE_KEY || conn.get("accountkey") || undefined;
  return {
    ...(accountUrl ? { accountUrl } : {}),
    ...(accountName ? { accountName } : {}),
    ...(accountKey ? { accountKey } : {}),
  };
}
