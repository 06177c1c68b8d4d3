import { InputError, quote } from "../input-error.js";

/**
 * `call`: what the Dockerfile frontend is asked for, as buildx's `--call`; only `build` (the default) for now.
 * buildx sends `check` as the frontend subrequest `frontend.lint` (requestid), whose findings come back only in the
 * frontend result's metadata (`result.json`), which a client reads through BuildKit's gateway API; Kiln solves
 * through the control API, so it refuses `check` in one line rather than report a clean check it never saw. The
 * same findings of a build are annotations with file and line already (BuildKit sends them as Status warnings).
 * TODO(#15): a gateway client for `check`, `outline` and `targets`.
 */
export function parseCall(input: string, name = "call"): "build" {
  const v = input.trim().toLowerCase();
  if (v === "" || v === "build") return "build";
  if (v === "check") {
    throw new InputError(
      name,
      'expected "build": "check" needs BuildKit\'s gateway API, which Kiln does not speak yet; a build reports the same Dockerfile check findings as warning annotations',
    );
  }
  throw InputError.expected(name, '"build"', input.trim());
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
