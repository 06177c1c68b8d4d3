import { describe, expect, test } from "vitest";
import { InputError } from "../../src/plan/input-error.js";
import { csvFields, parseList } from "../../src/plan/values/parse-list.js";

describe("parseList reads list inputs like build-push-action", () => {
  test.each([
    [
      "splits on newlines and commas",
      "linux/amd64,linux/arm64\nlinux/s390x",
      {},
      ["linux/amd64", "linux/arm64", "linux/s390x"],
    ],
    ["drops empty items and trims", " a , ,b\n\n  \nc ", {}, ["a", "b", "c"]],
    ["keeps commas inside a line with ignoreComma", "A=1,2\nB=3", { ignoreComma: true }, ["A=1,2", "B=3"]],
    ["unquotes a quoted field and keeps its commas", '"A=x,y"\nB=z', { ignoreComma: true }, ["A=x,y", "B=z"]],
    ["rejoins quoted fields with commas", 'type=registry,"ref=a"', { ignoreComma: true }, ["type=registry,ref=a"]],
    ["splits a single quoted field on commas without ignoreComma", '"a,b"', {}, ["a", "b"]],
    ["reads a quoted value across lines", '"S=line1\nline2"\nT=x', { ignoreComma: true }, ["S=line1\nline2", "T=x"]],
    ["turns doubled quotes into one", '"S=say ""hi"""', { ignoreComma: true }, ['S=say "hi"']],
    ["keeps a quote inside an unquoted field", 'A=x"y', { ignoreComma: true }, ['A=x"y']],
    ["keeps text after a closing quote literally", '"ab"cd', { ignoreComma: true }, ['"ab"cd']],
    [
      "leaves quotes alone with quote: false",
      'type=local,dest="a b"',
      { ignoreComma: true, quote: false },
      ['type=local,dest="a b"'],
    ],
    [
      "keeps whitespace with trim: false",
      "S= padded \r\nT=x",
      { ignoreComma: true, trim: false },
      ["S= padded ", "T=x"],
    ],
    ["does not treat # as a comment", "# not a comment", { ignoreComma: true }, ["# not a comment"]],
  ])("%s", (_name, input, options, expected) => {
    expect(parseList(input, "x", options)).toStrictEqual(expected);
  });

  test("an unclosed quote names the input and the line", () => {
    expect(() => parseList('A=1\n"B=2', "labels", { ignoreComma: true })).toThrow(
      new InputError("labels", 'expected a closing " for the quoted value that starts on line 2'),
    );
  });
});

describe("csvFields splits one spec like Go's csvvalue", () => {
  test.each([
    ["type=local,dest=out", ["type=local", "dest=out"]],
    ['type=image,"name=a,b",push=true', ["type=image", "name=a,b", "push=true"]],
    ['"a""b"', ['a"b']],
    ["a,,b", ["a", "", "b"]],
    ['a,"b', undefined],
    ['a,b"c', undefined],
    ['"a"b', undefined],
  ])("%s", (spec, expected) => {
    expect(csvFields(spec)).toStrictEqual(expected);
  });
});
