import type { ProvenanceOptions, SbomOptions } from "../../buildkit/index.js";
import { InputError, quote } from "../input-error.js";
import { parseGoBool } from "../values/parse-bool.js";
import { parseList } from "../values/parse-list.js";
import { parseSpec } from "../values/parse-spec.js";
import { referenceProblem } from "../outputs/parse-tags.js";

/** The attestations BuildKit adds to each platform's image; absent means off. */
export interface Attestations {
  readonly provenance?: ProvenanceOptions;
  readonly sbom?: SbomOptions;
  /**
   * Those on only by Kiln's default, not by an input: left out, like buildx's default provenance, where the
   * builder cannot make attestations (the Docker daemon's classic image store).
   */
  readonly byDefault: readonly ("provenance" | "sbom")[];
}

export interface AttestationInputs {
  readonly provenance: string;
  readonly sbom: string;
  readonly attests: string;
  readonly sbomGenerator: string;
}

export interface AttestationDefaults {
  /** The run's URL, recorded as the provenance's builder id unless one is given. */
  readonly builderId?: string;
  /** Whether provenance and SBOM are on when no input mentions them (off for builds that only load). */
  readonly on: boolean;
}

// moby/buildkit frontend/attestations and solver/llbsolver/provenance: provenance's parameters.
const PROVENANCE_KEYS = ["mode", "builder-id", "inline-only", "filename", "reproducible", "version"];
const PROVENANCE_EXPECTED = "true, false or mode=min|max[,builder-id=<url>]";
const SBOM_EXPECTED = "true, false or generator=<image>[,key=value...]";

type Parsed<T> = { readonly on: false } | { readonly on: true; readonly options: T };

/**
 * `provenance`, `sbom`, `attests` and `sbom-generator`, with build-push-action's precedence: the `provenance` and
 * `sbom` inputs win over `attests` lines of the same type. Defaults are Kiln's: provenance `mode=max` with the
 * run's URL as builder id, and an SBOM, scanned by `sbom-generator` when given, else BuildKit's default scanner.
 */
export function parseAttestations(inputs: AttestationInputs, defaults: AttestationDefaults): Attestations {
  const fromAttests: { provenance?: Parsed<ProvenanceOptions>; sbom?: Parsed<SbomOptions> } = {};
  for (const line of parseList(inputs.attests, "attests", { ignoreComma: true })) {
    const attrs = parseSpec(line);
    const type = attrs?.get("type");
    if (attrs === undefined || (type !== "sbom" && type !== "provenance")) {
      throw InputError.expected("attests", "type=sbom or type=provenance lines, with key=value attributes", line);
    }
    attrs.delete("type");
    if (type === "sbom") fromAttests.sbom = sbomFrom(attrs, "attests", line);
    else fromAttests.provenance = provenanceFrom(attrs, "attests", line);
  }

  const provenanceInput = inputs.provenance.trim();
  const provenance: Parsed<ProvenanceOptions> | undefined =
    provenanceInput === ""
      ? fromAttests.provenance
      : fromSwitchOrSpec(provenanceInput, "provenance", PROVENANCE_EXPECTED, (attrs) =>
          provenanceFrom(attrs, "provenance", provenanceInput),
        );
  const sbomInput = inputs.sbom.trim();
  const sbom: Parsed<SbomOptions> | undefined =
    sbomInput === ""
      ? fromAttests.sbom
      : fromSwitchOrSpec(sbomInput, "sbom", SBOM_EXPECTED, (attrs) => sbomFrom(attrs, "sbom", sbomInput));

  const generator = inputs.sbomGenerator.trim();
  if (generator !== "") {
    const problem = referenceProblem(generator);
    if (problem !== undefined) {
      throw new InputError("sbom-generator", `expected an image reference, got ${quote(generator)} (${problem})`);
    }
  }

  const out: { provenance?: ProvenanceOptions; sbom?: SbomOptions; byDefault: ("provenance" | "sbom")[] } = {
    byDefault: [],
  };
  if (provenance === undefined && defaults.on) out.byDefault.push("provenance");
  if (sbom === undefined && defaults.on) out.byDefault.push("sbom");
  const p = provenance ?? (defaults.on ? { on: true, options: { mode: "max" as const } } : { on: false as const });
  if (p.on) {
    const builderId = p.options.builderId ?? defaults.builderId;
    out.provenance = { ...p.options, ...(builderId === undefined ? {} : { builderId }) };
  }
  const s = sbom ?? (defaults.on ? { on: true, options: {} } : { on: false as const });
  if (s.on) {
    out.sbom = s.options.generator === undefined && generator !== "" ? { ...s.options, generator } : s.options;
  }
  return out;
}

function fromSwitchOrSpec<T>(
  value: string,
  name: string,
  expected: string,
  parse: (attrs: Map<string, string>) => Parsed<T>,
): Parsed<T> {
  const lower = value.toLowerCase();
  if (lower === "true") return parse(new Map());
  if (lower === "false") return { on: false };
  const attrs = parseSpec(value);
  if (attrs === undefined) throw InputError.expected(name, expected, value);
  if (attrs.has("type")) throw InputError.expected(name, `${expected} (without type=)`, value);
  return parse(attrs);
}

function disabled(attrs: Map<string, string>, name: string, expected: string, got: string): boolean {
  const raw = attrs.get("disabled");
  attrs.delete("disabled");
  if (raw === undefined) return false;
  const b = parseGoBool(raw);
  if (b === undefined) throw InputError.expected(name, expected, got);
  return b;
}

function provenanceFrom(attrs: Map<string, string>, name: string, got: string): Parsed<ProvenanceOptions> {
  const expected = name === "attests" ? "type=provenance,mode=min|max[,builder-id=<url>]" : PROVENANCE_EXPECTED;
  if (disabled(attrs, name, expected, got)) return { on: false };
  for (const key of attrs.keys()) {
    if (!PROVENANCE_KEYS.includes(key)) {
      throw new InputError(
        name,
        `expected provenance attributes among ${PROVENANCE_KEYS.join(", ")}, got ${quote(got)}`,
      );
    }
  }
  const mode = attrs.get("mode") ?? "max";
  if (mode !== "min" && mode !== "max") throw InputError.expected(name, expected, got);
  const builderId = attrs.get("builder-id");
  attrs.delete("mode");
  attrs.delete("builder-id");
  for (const key of ["inline-only", "reproducible"]) {
    const v = attrs.get(key);
    if (v !== undefined && parseGoBool(v) === undefined)
      throw InputError.expected(name, `${key}=true or ${key}=false`, got);
  }
  const params = Object.fromEntries(attrs);
  return {
    on: true,
    options: {
      mode,
      ...(builderId ? { builderId } : {}),
      ...(Object.keys(params).length > 0 ? { params } : {}),
    },
  };
}

function sbomFrom(attrs: Map<string, string>, name: string, got: string): Parsed<SbomOptions> {
  const expected = name === "attests" ? "type=sbom[,generator=<image>]" : SBOM_EXPECTED;
  if (disabled(attrs, name, expected, got)) return { on: false };
  const generator = attrs.get("generator");
  attrs.delete("generator");
  if (generator !== undefined) {
    const problem = referenceProblem(generator);
    if (problem !== undefined)
      throw new InputError(name, `expected generator=<image reference>, got ${quote(got)} (${problem})`);
  }
  const params = Object.fromEntries(attrs);
  return {
    on: true,
    options: { ...(generator ? { generator } : {}), ...(Object.keys(params).length > 0 ? { params } : {}) },
  };
}
