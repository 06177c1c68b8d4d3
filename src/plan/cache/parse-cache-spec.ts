import path from "node:path";
import { InputError, quote } from "../input-error.js";
import { parseGoBool } from "../values/parse-bool.js";
import { csvFields } from "../values/parse-list.js";
import { parseSpec, redactSpec } from "../values/parse-spec.js";
import { referenceProblem } from "../outputs/parse-tags.js";
import type { GhaCacheService } from "./gha-cache-env.js";
import { azureDefaults, type AwsEnv, type AzureEnv } from "./cloud-credentials.js";
import { checkCacheKeys } from "./cache-keys.js";

export type { AwsEnv, AzureEnv };

type Extra = Readonly<Record<string, string>>;

/**
 * One cache import or export (moby/buildkit cache/remotecache/*). `mode` and `ignoreError` only matter for
 * exports; `extra` keeps attributes this type does not name (compression, prefixes, timeouts), passed as given.
 */
export type CacheBackend =
  | {
      readonly type: "registry";
      readonly ref: string;
      readonly mode?: "min" | "max";
      readonly imageManifest?: boolean;
      readonly ociMediaTypes?: boolean;
      readonly ignoreError?: boolean;
      readonly extra: Extra;
    }
  /** An OCI layout directory on the client: `src` for imports, `dest` for exports. */
  | {
      readonly type: "local";
      readonly dir: string;
      readonly mode?: "min" | "max";
      readonly ignoreError?: boolean;
      readonly extra: Extra;
    }
  | { readonly type: "inline"; readonly extra: Extra }
  | {
      readonly type: "gha";
      readonly scope: string;
      readonly url?: string;
      readonly urlV2?: string;
      readonly token: string;
      readonly version: 1 | 2;
      readonly mode?: "min" | "max";
      /** Exports default to true, so a cache service outage never fails a build. */
      readonly ignoreError?: boolean;
      /** With `ghToken`, lets BuildKit v0.19+ list existing cache keys through the REST API. */
      readonly repository?: string;
      readonly ghToken?: string;
      readonly extra: Extra;
    }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly region: string;
      readonly endpointUrl?: string;
      readonly usePathStyle?: boolean;
      readonly accessKeyId?: string;
      readonly secretAccessKey?: string;
      readonly sessionToken?: string;
      readonly mode?: "min" | "max";
      readonly ignoreError?: boolean;
      readonly extra: Extra;
    }
  | {
      readonly type: "azblob";
      readonly accountUrl: string;
      readonly accountName?: string;
      readonly secretAccessKey?: string;
      readonly mode?: "min" | "max";
      readonly ignoreError?: boolean;
      readonly extra: Extra;
    };

export type CacheType = CacheBackend["type"];

export interface CacheEnv {
  readonly workspace: string;
  readonly gha: GhaCacheService;
  /** Default gha scope, from {@link defaultGhaScope}. */
  readonly ghaScope: string;
  /** `owner/repo` and the `github-token` input, for gha exports' `repository` and `ghtoken`. */
  readonly repository?: string;
  readonly githubToken?: string;
  readonly aws: AwsEnv;
  readonly azure: AzureEnv;
}

export interface ParsedCache {
  readonly backends: readonly CacheBackend[];
  /** Entries left out, each a line to print as a warning (a gha entry outside a GitHub Actions job). */
  readonly warnings: readonly string[];
}

const TYPES = "registry, local, inline, gha, s3, azblob";

/**
 * One `cache-from` or `cache-to` line in buildx syntax: `type=<t>,key=value,...`, or a bare image reference (or
 * several, comma-separated) for `type=registry,ref=<ref>`. Attributes the runner provides are filled in.
 */
export function parseCacheSpec(spec: string, direction: "import" | "export", name: string, env: CacheEnv): ParsedCache {
  if (!spec.includes("=")) {
    const refs = csvFields(spec);
    if (refs === undefined) throw malformed(name, spec);
    return { backends: refs.map((ref) => registry(ref.trim(), new Map(), direction, name, spec)), warnings: [] };
  }
  const attrs = parseSpec(spec);
  if (attrs === undefined) throw malformed(name, spec);
  const type = attrs.get("type");
  attrs.delete("type");
  // Checked once the type's own checks have run, so a missing required key is reported as such.
  const given = [...attrs.keys()];
  const take = (key: string): string | undefined => {
    const v = attrs.get(key);
    attrs.delete(key);
    return v;
  };
  const fail = (detail: string): never => {
    throw new InputError(name, `${detail}, got ${quote(redactSpec(spec))}`);
  };
  const required = (key: string, fallback?: string, hint = ""): string => {
    const v = take(key) ?? fallback;
    if (v === undefined || v === "") fail(`expected ${key}=<value> for type=${type ?? ""}${hint}`);
    return v as string;
  };
  const exportOnly = (): { mode?: "min" | "max"; ignoreError?: boolean } => {
    const mode = take("mode");
    const ignore = take("ignore-error");
    if (direction === "import") return {};
    if (mode !== undefined && mode !== "min" && mode !== "max") fail("expected mode=min or mode=max");
    const ignoreError = ignore === undefined ? undefined : parseGoBool(ignore);
    if (ignore !== undefined && ignoreError === undefined) fail("expected ignore-error=true or ignore-error=false");
    return {
      ...(mode === undefined ? {} : { mode: mode as "min" | "max" }),
      ...(ignoreError === undefined ? {} : { ignoreError }),
    };
  };
  const bool = (key: string): boolean | undefined => {
    const raw = take(key);
    if (raw === undefined) return undefined;
    const b = parseGoBool(raw);
    if (b === undefined) fail(`expected ${key}=true or ${key}=false`);
    return b;
  };
  const extra = (): Extra => Object.fromEntries(attrs);

  const parsed = ((): ParsedCache => {
    switch (type) {
      case "registry":
        return { backends: [registry(required("ref"), attrs, direction, name, spec)], warnings: [] };
      case "local": {
        const dir = required(direction === "import" ? "src" : "dest");
        return {
          backends: [{ type, dir: path.resolve(env.workspace, dir), ...exportOnly(), extra: extra() }],
          warnings: [],
        };
      }
      case "inline":
        if (direction === "import") {
          fail("expected a cache to import from; an inline cache is read back with type=registry,ref=<image>");
        }
        return { backends: [{ type, extra: extra() }], warnings: [] };
      case "gha": {
        const version = take("version");
        if (version !== undefined && version !== "1" && version !== "2") fail("expected version=1 or version=2");
        const service = env.gha;
        const token = take("token") ?? (service.version === undefined ? undefined : service.token);
        const givenUrlV2 = take("url_v2");
        // BuildKit itself picks v2 whenever url_v2 is set, unless version=1 (cache/remotecache/gha/gha.go).
        const v: 1 | 2 =
          version !== undefined ? (version === "2" ? 2 : 1) : givenUrlV2 !== undefined ? 2 : (service.version ?? 1);
        const urlV2 = givenUrlV2 ?? (v === 2 && service.version === 2 ? service.urlV2 : undefined);
        const url = take("url") ?? (service.version === undefined ? undefined : service.url);
        if (token === undefined || (url === undefined && urlV2 === undefined)) {
          const reason = service.version === undefined ? service.reason : "no token or url given";
          return { backends: [], warnings: [`${name}: skipped type=gha: ${reason}`] };
        }
        const ex = exportOnly();
        const repository = take("repository") ?? (direction === "export" ? env.repository : undefined);
        const ghToken = take("ghtoken") ?? (direction === "export" && repository ? env.githubToken : undefined);
        const backend: CacheBackend = {
          type,
          scope: take("scope") ?? env.ghaScope,
          ...(url === undefined ? {} : { url }),
          ...(urlV2 === undefined ? {} : { urlV2 }),
          token,
          version: v,
          ...ex,
          ...(direction === "export" ? { ignoreError: ex.ignoreError ?? true } : {}),
          ...(repository && ghToken ? { repository, ghToken } : {}),
          extra: extra(),
        };
        return { backends: [backend], warnings: [] };
      }
      case "s3": {
        const aws = env.aws;
        const bucket = required("bucket", aws.AWS_BUCKET, " (or AWS_BUCKET)");
        const region = required("region", aws.AWS_REGION || aws.AWS_DEFAULT_REGION, " (or AWS_REGION)");
        const endpointUrl = take("endpoint_url") ?? (aws.AWS_ENDPOINT_URL_S3 || aws.AWS_ENDPOINT_URL || undefined);
        const usePathStyle = bool("use_path_style");
        const givenId = take("access_key_id");
        const givenSecret = take("secret_access_key");
        const givenSession = take("session_token");
        // Like buildx addAwsCredentials: both keys given means the session token is left alone too.
        const both = givenId !== undefined && givenSecret !== undefined;
        const accessKeyId = givenId ?? (aws.AWS_ACCESS_KEY_ID || undefined);
        const secretAccessKey = givenSecret ?? (aws.AWS_SECRET_ACCESS_KEY || undefined);
        const sessionToken = givenSession ?? (both ? undefined : aws.AWS_SESSION_TOKEN || undefined);
        const backend: CacheBackend = {
          type,
          bucket,
          region,
          ...(endpointUrl === undefined ? {} : { endpointUrl }),
          ...(usePathStyle === undefined ? {} : { usePathStyle }),
          ...(accessKeyId === undefined ? {} : { accessKeyId }),
          ...(secretAccessKey === undefined ? {} : { secretAccessKey }),
          ...(sessionToken === undefined ? {} : { sessionToken }),
          ...exportOnly(),
          extra: extra(),
        };
        return { backends: [backend], warnings: [] };
      }
      case "azblob": {
        const az = azureDefaults(env.azure);
        const accountUrl = required("account_url", az.accountUrl, " (or AZURE_STORAGE_CONNECTION_STRING)");
        const accountName = take("account_name") ?? az.accountName;
        const secretAccessKey = take("secret_access_key") ?? az.accountKey;
        const backend: CacheBackend = {
          type,
          accountUrl,
          ...(accountName === undefined ? {} : { accountName }),
          ...(secretAccessKey === undefined ? {} : { secretAccessKey }),
          ...exportOnly(),
          extra: extra(),
        };
        return { backends: [backend], warnings: [] };
      }
      case undefined:
        return fail(`expected type=<${TYPES.replace(/, /g, "|")}> first`);
      default:
        return fail(`expected type to be one of ${TYPES}`);
    }
  })();
  checkCacheKeys(given, type as CacheType, direction, name);
  return parsed;
}

function registry(
  ref: string,
  attrs: Map<string, string>,
  direction: "import" | "export",
  name: string,
  spec: string,
): CacheBackend {
  const fail = (detail: string): never => {
    throw new InputError(name, `${detail}, got ${quote(redactSpec(spec))}`);
  };
  const problem = referenceProblem(ref);
  if (problem !== undefined) fail(`expected ref=<image reference> (${problem})`);
  const take = (key: string): string | undefined => {
    const v = attrs.get(key);
    attrs.delete(key);
    return v;
  };
  const bool = (key: string): boolean | undefined => {
    const raw = take(key);
    const b = raw === undefined ? undefined : parseGoBool(raw);
    if (raw !== undefined && b === undefined) fail(`expected ${key}=true or ${key}=false`);
    return b;
  };
  const mode = take("mode");
  const ignoreError = bool("ignore-error");
  const imageManifest = bool("image-manifest");
  const ociMediaTypes = bool("oci-mediatypes");
  if (direction === "import") return { type: "registry", ref, extra: Object.fromEntries(attrs) };
  if (mode !== undefined && mode !== "min" && mode !== "max") fail("expected mode=min or mode=max");
  return {
    type: "registry",
    ref,
    ...(mode === undefined ? {} : { mode: mode as "min" | "max" }),
    ...(imageManifest === undefined ? {} : { imageManifest }),
    ...(ociMediaTypes === undefined ? {} : { ociMediaTypes }),
    ...(ignoreError === undefined ? {} : { ignoreError }),
    extra: Object.fromEntries(attrs),
  };
}

function malformed(name: string, spec: string): InputError {
  return new InputError(
    name,
    `expected type=<type>,key=value,... with "..." around values holding commas, got ${quote(redactSpec(spec))}`,
  );
}
