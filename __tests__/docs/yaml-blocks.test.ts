// Every ```yaml block of README.md and docs/*.md is copied into workflows as is: it must parse, pass step outputs
// to shell scripts through `env:` (an output interpolated into a script is code injection), and name one version
// of each action across all the documents.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";

const root = join(import.meta.dirname, "..", "..");
const documents = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
];

interface Block {
  readonly where: string;
  readonly text: string;
}

function yamlBlocks(file: string): Block[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```ya?ml\s*$/.test(lines[i]!)) continue;
    const indent = /^\s*/.exec(lines[i]!)![0].length;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.slice(indent));
    blocks.push({ where: `${relative(root, join(root, file))}:${start}`, text: body.join("\n") });
  }
  return blocks;
}

const blocks = documents.flatMap(yamlBlocks);

test("the documents hold YAML blocks to check", () => {
  expect(blocks.length).toBeGreaterThan(5);
});

describe.each(blocks.map((b) => [b.where, b] as const))("the YAML block at %s", (_where, block) => {
  test("parses", () => {
    const errors = parseAllDocuments(block.text).flatMap((d) => ("errors" in d ? d.errors : [d]).map((e) => e.message));
    expect(errors).toEqual([]);
  });

  test("passes step outputs to scripts through env:, never inside run:", () => {
    const scripts = [...block.text.matchAll(/^(\s*)(?:- )?run: *(\|[-+]?|>[-+]?)?(.*)$/gm)].map((m) => {
      if (!m[2]) return m[3]!;
      // A block scalar: the lines indented deeper than `run:`.
      const after = block.text.slice(m.index + m[0].length + 1).split("\n");
      const indent = m[1]!.length;
      const body: string[] = [];
      for (const line of after) {
        if (line.trim() !== "" && /^\s*/.exec(line)![0].length <= indent + 2) break;
        body.push(line);
      }
      return body.join("\n");
    });
    for (const script of scripts) expect(script).not.toMatch(/\$\{\{\s*(steps|needs)\.[^}]*outputs/);
  });
});

test("each action is used at one version across README.md and docs/", () => {
  const versions = new Map<string, Set<string>>();
  for (const b of blocks) {
    for (const m of b.text.matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@([\w.-]+)/g)) {
      if (!versions.has(m[1]!)) versions.set(m[1]!, new Set());
      versions.get(m[1]!)!.add(m[2]!);
    }
  }
  const mixed = [...versions].filter(([, v]) => v.size > 1).map(([a, v]) => `${a}@${[...v].join("|")}`);
  expect(mixed).toEqual([]);
});
