import { asObject, objectList, stringField, type DocumentKind } from "./call-document.js";
import { tabTable } from "./tab-table.js";

/**
 * The Dockerfile frontend's answer to `frontend.targets` (`call: targets`): its stages in Dockerfile order
 * (moby/buildkit frontend/subrequests/targets, document version 1.0.0); the last is the default target.
 */
export interface Target {
  /** The stage's name; "" for an unnamed stage. */
  readonly name: string;
  readonly default: boolean;
  /** From a comment right above the FROM that starts with the stage's name ("# build compiles the app"). */
  readonly description: string;
  /** The FROM image or stage. */
  readonly base: string;
  /** FROM --platform, as written. */
  readonly platform: string;
}

export const TARGETS: DocumentKind<readonly Target[]> = {
  requestId: "frontend.targets",
  version: "1.0.0",
  decode: (json) =>
    objectList(asObject(json, "the target list"), "targets").map((t) => ({
      name: stringField(t, "name"),
      default: t["default"] === true,
      description: stringField(t, "description"),
      base: stringField(t, "base"),
      platform: stringField(t, "platform"),
    })),
  render: renderTargets,
};

/** As BuildKit's `targets.PrintTargets`, which buildx prints with. */
export function renderTargets(targets: readonly Target[]): string {
  const label = (t: Target): string => (t.default ? (t.name === "" ? "(default)" : `${t.name} (default)`) : t.name);
  return tabTable([["TARGET", "DESCRIPTION"], ...targets.map((t) => [label(t), t.description])], 1);
}
