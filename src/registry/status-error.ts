import type { HttpResponse } from "./http-request.js";
import { RegistryError, type RegistryErrorCode } from "./registry-error.js";

/**
 * The error for an HTTP status we did not expect, with the registry's own words from its error body
 * (distribution docs/spec/api.md "Errors": `{"errors":[{"code","message","detail"}]}`).
 */
export function statusError(res: HttpResponse): RegistryError {
  const detail = registryErrors(res.body);
  const reason = `${detail === "" ? "" : `${detail} `}(HTTP ${res.status})`;
  return new RegistryError(reason, codeForStatus(res.status), { cause: { status: res.status, body: detail } });
}

function codeForStatus(status: number): RegistryErrorCode {
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 404) return "not-found";
  if (status === 408 || status === 429 || status >= 500) return "unavailable";
  return "invalid";
}

function registryErrors(body: Uint8Array): string {
  if (body.byteLength === 0) return "";
  const text = Buffer.from(body).toString("utf8");
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === "object" && json !== null && "errors" in json && Array.isArray(json.errors)) {
      return json.errors
        .map((e: unknown) => {
          if (typeof e !== "object" || e === null) return String(e);
          const code = "code" in e && typeof e.code === "string" ? e.code : "";
          const message = "message" in e && typeof e.message === "string" ? e.message : "";
          return [code, message].filter((s) => s !== "").join(": ");
        })
        .join("; ");
    }
  } catch {
    // not JSON: fall through to the first line of text
  }
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
