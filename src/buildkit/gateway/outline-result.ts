import { asObject, objectList, stringField, type DocumentKind } from "./call-document.js";
import { tabTable } from "./tab-table.js";

/**
 * The Dockerfile frontend's answer to `frontend.outline` (`call: outline`): what the target stage can be given
 * (moby/buildkit frontend/subrequests/outline, document version 1.0.0). Descriptions come from a comment right above
 * the FROM or ARG that starts with the stage's or argument's name ("# VERSION the release to package").
 */
export interface Outline {
  /** The target stage; "" for the default (last) stage when it has no name. */
  readonly name: string;
  readonly description: string;
  /** The build args the target uses, in Dockerfile order, with their default value. */
  readonly args: readonly { readonly name: string; readonly value: string; readonly description: string }[];
  /** Secrets and SSH agents RUN --mount asks for; `required` is the mount's `required=true`. */
  readonly secrets: readonly { readonly name: string; readonly required: boolean }[];
  readonly ssh: readonly { readonly name: string; readonly required: boolean }[];
}

export const OUTLINE: DocumentKind<Outline> = {
  requestId: "frontend.outline",
  version: "1.0.0",
  decode: (json) => {
    const o = asObject(json, "the outline");
    const mount = (m: Record<string, unknown>): { name: string; required: boolean } => ({
      name: stringField(m, "name"),
      required: m["required"] === true,
    });
    return {
      name: stringField(o, "name"),
      description: stringField(o, "description"),
      args: objectList(o, "args").map((a) => ({
        name: stringField(a, "name"),
        value: stringField(a, "value"),
        description: stringField(a, "description"),
      })),
      secrets: objectList(o, "secrets").map(mount),
      ssh: objectList(o, "ssh").map(mount),
    };
  },
  render: renderOutline,
};

/** As BuildKit's `outline.PrintOutline`, which buildx prints with: one table per part, each followed by a blank line. */
export function renderOutline(o: Outline): string {
  let out = "";
  if (o.name !== "" || o.description !== "") {
    const rows = [["TARGET:", o.name || "(default)"]];
    if (o.description !== "") rows.push(["DESCRIPTION:", o.description]);
    out += `${tabTable(rows, 1)}\n`;
  }
  if (o.args.length > 0) {
    out += `${tabTable([["BUILD ARG", "VALUE", "DESCRIPTION"], ...o.args.map((a) => [a.name, a.value, a.description])], 3)}\n`;
  }
  const mounts = (title: string, list: Outline["secrets"]): string =>
    list.length === 0
      ? ""
      : `${tabTable([[title, "REQUIRED"], ...list.map((m) => [m.name, m.required ? "true" : ""])], 3)}\n`;
  return out + mounts("SECRET", o.secrets) + mounts("SSH", o.ssh);
}
