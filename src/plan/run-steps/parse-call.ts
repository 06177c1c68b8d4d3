import { InputError, quote } from "../input-error.js";
import { csvFields, splitPair } from "../values/parse-list.js";

/**
 * What `call` asks the Dockerfile frontend for, as buildx's `--call` (docker/buildx util/buildflags/callfunc.go):
 * `build` (the default); `check`, BuildKit's build checks without building (the `frontend.lint` subrequest);
 * `outline` (the build args, secrets and SSH the target uses) and `targets` (the Dockerfile's stages), printed as
 * buildx prints them, or as the frontend's JSON with `format=json`. Nothing but `build` builds or exports anything.
 */
export type CallRequest =
  | { readonly name: "build" }
  | { readonly name: "check" }
  | { readonly name: "outline" | "targets"; readonly format: "text" | "json" };

const EXPECTED = '"build", "check", "outline" or "targets" (outline and targets may add ",format=json")';

export function parseCall(input: string, name = "call"): CallRequest {
  const given = input.trim();
  const fields = csvFields(given)?.map((f) => f.trim());
  const method = fields?.[0]?.toLowerCase() ?? "";
  const options = fields?.slice(1) ?? [];
  if (method === "" || method === "build" || method === "check") {
    if (options.length > 0) throw InputError.expected(name, `no options after "${method || "build"}"`, given);
    return method === "check" ? { name: "check" } : { name: "build" };
  }
  if (method !== "outline" && method !== "targets") throw InputError.expected(name, EXPECTED, given);
  let format: "text" | "json" = "text";
  for (const option of options) {
    const pair = splitPair(option);
    const value = pair?.value.trim().toLowerCase();
    // buildx hands any other format to its printer, which prints text for it; only json means something.
    if (pair?.key.toLowerCase() !== "format" || (value !== "json" && value !== "text")) {
      throw new InputError(name, `expected "format=json" or "format=text" after "${method}", got ${quote(option)}`);
    }
    format = value;
  }
  return { name: method, format };
}

/**
 * `builder`: a buildx builder by name. Kiln starts or reaches its own BuildKit (driver, endpoint), so it cannot use
 * one created by setup-buildx-action; a name is refused in one line rather than silently ignored.
 */
export function refuseBuilderName(input: string, name = "builder"): void {
  const v = input.trim();
  if (v === "") return;
  throw new InputError(
    name,
    `expected no value (Kiln runs its own BuildKit; choose it with driver and endpoint, e.g. driver: remote, endpoint: tcp://host:1234), got ${quote(v)}`,
  );
}
