import { headerValue, type HttpResponse } from "./http-request.js";
import { RegistryError } from "./registry-error.js";

/**
 * Reads one page of `GET /v2/<name>/tags/list`: `{"name": ..., "tags": [...] | null}` and the next page from
 * `Link: </v2/...?last=...>; rel="next"` (distribution-spec v1.1 "Listing Tags"), resolved against the page.
 */
export function parseTagList(res: HttpResponse): { tags: string[]; next?: URL } {
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString("utf8"));
  } catch (err: unknown) {
    throw new RegistryError("tag list is not JSON", "invalid", { cause: err });
  }
  const list = typeof json === "object" && json !== null && "tags" in json ? json.tags : undefined;
  // distribution answers `"tags": null` for a repository whose tags were all deleted.
  if (list !== null && list !== undefined && !(Array.isArray(list) && list.every((t) => typeof t === "string"))) {
    throw new RegistryError("tag list has no tags array", "invalid");
  }
  const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(headerValue(res, "link") ?? "")?.[1];
  return { tags: list ?? [], ...(next === undefined ? {} : { next: new URL(next, res.url) }) };
}
