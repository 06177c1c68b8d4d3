import { InputError, quote } from "../input-error.js";

/**
 * `call`: what the Dockerfile frontend is asked for, as buildx's `--call`. `build` (the default) builds; `check`
 * runs BuildKit's build checks (Dockerfile lint) without building, its findings reported like any build warning.
 * buildx's `outline` and `targets` print descriptions Kiln has no output for, so they are refused.
 */
export function parseCall(input: string, name = "call"): "build" | "check" {
  const v = input.trim().toLowerCase();
  if (v === "" || v === "build") return "build";
  if (v === "check") return "check";
  throw InputError.expected(name, '"build" or "check"', input.trim());
}

/** The frontend's request for `call: check`: buildx sends `--call=check` as the subrequest `frontend.lint`. */
export const CHECK_REQUEST_ID = "frontend.lint";

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
