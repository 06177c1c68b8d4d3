/**
 * The answer to an information subrequest (`frontend.outline`, `frontend.targets`), read from the frontend result's
 * metadata as buildx reads it (docker/buildx commands/build.go printResult, printValue): "result.json" is the
 * document, "result.txt" the frontend's own rendering of it, "version" the document's version.
 */
export interface CallDocument<T> {
  readonly value: T;
  /** "result.json" exactly as the frontend sent it: what `format=json` prints. */
  readonly json: string;
  /** The human text buildx prints: Kiln's rendering of `value`, or the frontend's own for a newer document. */
  readonly text: string;
  /** The metadata as buildx merges it into the exporter response (strings), for the `metadata` output. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface DocumentKind<T> {
  /** The subrequest, e.g. "frontend.outline". */
  readonly requestId: string;
  /** The document version the renderer knows (BuildKit's Subrequests*Definition.Version). */
  readonly version: string;
  readonly decode: (json: unknown) => T;
  readonly render: (value: T) => string;
}

export function decodeCallDocument<T>(
  metadata: Readonly<Record<string, Uint8Array>>,
  kind: DocumentKind<T>,
): CallDocument<T> {
  const text = (key: string): string | undefined => {
    const bytes = metadata[key];
    return bytes === undefined ? undefined : Buffer.from(bytes).toString("utf8");
  };
  const json = text("result.json");
  if (json === undefined) {
    throw new Error(`the frontend answered ${kind.requestId} without a result (no result.json in its metadata)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new Error(`the frontend's ${kind.requestId} result is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const value = kind.decode(parsed);
  const version = text("version") ?? "";
  const frontendText = text("result.txt") ?? "";
  return {
    value,
    json,
    // buildx's rule: a document newer than the printer knows is shown as the frontend rendered it.
    text: version !== "" && newer(version, kind.version) && frontendText !== "" ? frontendText : kind.render(value),
    metadata: Object.fromEntries(Object.keys(metadata).flatMap((k) => [[k, text(k) ?? ""]])),
  };
}

/** `a > b` for dotted versions, as Docker's api/types/versions compares them (missing parts count as 0). */
function newer(a: string, b: string): boolean {
  const as = a.split(".").map((n) => Number.parseInt(n, 10) || 0);
  const bs = b.split(".").map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = (as[i] ?? 0) - (bs[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

/** A JSON object's field as a string ("" when absent), for documents Go marshals with omitempty. */
export function stringField(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  return typeof v === "string" ? v : "";
}

/** A JSON array of objects ([] when absent or not an array). */
export function objectList(o: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter((e): e is Record<string, unknown> => typeof e === "object" && e !== null) : [];
}

export function asObject(json: unknown, what: string): Record<string, unknown> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error(`${what} is not a JSON object`);
  return json as Record<string, unknown>;
}
