import { platformKey } from "../../shared/platform.js";
import type { PartRecord } from "./part-record.js";

/** A part record and where it was read from (a file, an artifact), for messages. */
export interface FoundPart {
  readonly source: string;
  readonly record: PartRecord;
}

export interface SelectPartsOptions {
  /** `registry/repository` of the tags: every part must have been pushed there. */
  readonly image: string;
  /** Platforms that must all be present; empty accepts whatever the parts hold. */
  readonly platforms: readonly string[];
  /** The commit being merged (GITHUB_SHA); parts from another are refused. Unset: the parts must agree. */
  readonly commit?: string;
}

/**
 * Picks the parts to join and refuses a set that would not make one image of one source: parts of another image
 * or commit, a platform built twice in the same run attempt, a platform missing, or two legs that resolved the
 * same base image to different digests (a tag moved between the legs). A platform built in several attempts
 * ("Re-run failed jobs") takes the newest: highest attempt, then latest `created`. Pure; throws one line.
 */
export function selectParts(found: readonly FoundPart[], options: SelectPartsOptions): FoundPart[] {
  const fail = (why: string): never => {
    throw new Error(`fan-in: ${why}`);
  };
  if (found.length === 0) fail("found no part records: did the fan-out legs run and hand their parts over?");
  const mine = found.filter((p) => p.record.image === options.image);
  if (mine.length === 0) {
    const others = [...new Set(found.map((p) => p.record.image))];
    fail(
      `no part of ${options.image}${others.length > 0 ? ` (found parts of ${others.join(", ")})` : ""}: did the fan-out legs push to the same repository as the tags?`,
    );
  }
  // Newest part per platform; equal attempts holding one platform are two legs, not a re-run.
  const chosen = new Map<string, FoundPart>();
  for (const part of [...mine].sort(newestLast)) {
    for (const platform of Object.keys(part.record.digests)) {
      const key = platformKey(platform);
      const earlier = chosen.get(key);
      if (
        earlier !== undefined &&
        earlier.record.run.attempt === part.record.run.attempt &&
        earlier.record.run.id === part.record.run.id
      ) {
        fail(`${platform} was built twice in the same run attempt, in ${earlier.source} and ${part.source}`);
      }
      chosen.set(key, part);
    }
  }
  // A part replaced for one of its platforms but not another would split a leg: keep whole parts only.
  const parts = [...new Set(chosen.values())];
  for (const part of parts) {
    for (const platform of Object.keys(part.record.digests)) {
      if (chosen.get(platformKey(platform)) !== part) {
        fail(`${part.source} holds ${platform}, which a newer part also holds: build each platform in one leg`);
      }
    }
  }
  const commit = options.commit ?? parts[0]!.record.commit;
  for (const part of parts) {
    if (part.record.commit !== commit) {
      fail(
        `${part.source} was built from commit ${part.record.commit || "(unknown)"}, not ${commit || "(unknown)"}: re-run that leg on this commit`,
      );
    }
  }
  for (const platform of options.platforms) {
    if (!chosen.has(platformKey(platform))) {
      fail(
        `no part holds ${platform} (found ${[...chosen.keys()].sort().join(", ")}): did its leg fail or not run yet?`,
      );
    }
  }
  checkSameSources(parts);
  // The index lists platforms in the order asked for, else by name: the same legs give the same index digest,
  // whichever finished first.
  const order = options.platforms.map(platformKey);
  const rank = (p: FoundPart): string => {
    const key = platformKey(Object.keys(p.record.digests)[0]!);
    const i = order.indexOf(key);
    return `${String(i < 0 ? order.length : i).padStart(4, "0")} ${key}`;
  };
  return parts.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

/** Two legs that pinned one image reference to different digests built from different sources. */
function checkSameSources(parts: readonly FoundPart[]): void {
  const pins = new Map<string, { pin: string; where: string }>();
  for (const part of parts) {
    for (const [platform, info] of Object.entries(part.record.buildinfo)) {
      for (const source of info.sources) {
        if (source.type !== "docker-image") continue;
        const seen = pins.get(source.ref);
        const where = `${platform} (${part.source})`;
        if (seen === undefined) pins.set(source.ref, { pin: source.pin, where });
        else if (seen.pin !== source.pin) {
          throw new Error(
            `fan-in: ${source.ref} resolved to ${seen.pin} for ${seen.where} but to ${source.pin} for ${where}: the tag moved between legs; re-run them`,
          );
        }
      }
    }
  }
}

function newestLast(a: FoundPart, b: FoundPart): number {
  return a.record.run.attempt - b.record.run.attempt || Date.parse(a.record.created) - Date.parse(b.record.created);
}
