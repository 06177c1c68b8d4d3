import { InputError, quote } from "../input-error.js";

/**
 * `call`: what the Dockerfile frontend is asked for, as buildx's `--call`: `build` (the default) or `check`, BuildKit's
 * build checks without building (the `frontend.lint` subrequest, answered through the gateway API). `outline` and
 * `targets` print documents a workflow has no use for; they are refused.
 */
export function parseCall(input: string, name = "call"): "build" | "check" {
  const v = input.trim().toLowerCase();
  if (v === "" || v === "build") return "build";
  if (v === "check") return "check";
  throw InputError.expected(name, '"build" or "check"', input.trim());
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
