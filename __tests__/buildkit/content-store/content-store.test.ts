import { afterEach, describe, expect, test } from "vitest";
import { mkdtemp, readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { status } from "@grpc/grpc-js";
import { ContentStoreError, LocalContentStore, blobPath } from "../../../src/buildkit/content-store/content-store.js";
import { sha256 } from "./harness.js";

const stores: LocalContentStore[] = [];
async function newStore(): Promise<LocalContentStore> {
  const s = new LocalContentStore(await mkdtemp(join(tmpdir(), "kiln-cs-")));
  stores.push(s);
  return s;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** The gRPC code a rejected promise carries. */
async function codeOf(p: Promise<unknown>): Promise<status> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContentStoreError);
  return (err as ContentStoreError).grpcCode;
}

async function put(store: LocalContentStore, ref: string, data: string): Promise<string> {
  const w = await store.openWriter(ref, { total: data.length, expected: sha256(data) });
  await w.write(Buffer.from(data), 0);
  return w.commit(data.length, sha256(data));
}

describe("LocalContentStore", () => {
  test("a committed blob lands read-only at blobs/sha256/<hex> and Info reports its size", async () => {
    const store = await newStore();
    const digest = await put(store, "r1", "hello blob");
    expect(digest).toBe(sha256("hello blob"));
    const path = join(store.root, "blobs", "sha256", digest.slice(7));
    expect(await readFile(path, "utf8")).toBe("hello blob");
    expect((await stat(path)).mode & 0o777).toBe(0o444);
    expect(await store.info(digest)).toMatchObject({ digest, sizeBytes: 10 });
    expect(store.touched.has(digest)).toBe(true);
  });

  test.each([
    ["the whole blob", 0, 0, "0123456789"],
    ["from an offset to the end", 4, 0, "456789"],
    ["a window", 2, 3, "234"],
    ["a window running past the end, cut at the end", 8, 10, "89"],
    ["nothing, at the very end", 10, 0, ""],
  ])("read returns %s", async (_name, offset, size, want) => {
    const store = await newStore();
    const digest = await put(store, "r", "0123456789");
    expect(await text(await store.read(digest, offset, size, 4))).toBe(want);
  });

  test("read past the end is OutOfRange; unknown blobs are NotFound; malformed digests are InvalidArgument", async () => {
    const store = await newStore();
    const digest = await put(store, "r", "abc");
    expect(await codeOf(store.read(digest, 4, 0, 1024))).toBe(status.OUT_OF_RANGE);
    expect(await codeOf(store.info(sha256("nope")))).toBe(status.NOT_FOUND);
    expect(await codeOf(store.info("sha256:XYZ"))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(store.info("md5:0123"))).toBe(status.INVALID_ARGUMENT);
  });

  test("opening a writer for a blob already stored is AlreadyExists, and the blob counts as touched", async () => {
    const store = await newStore();
    const digest = await put(store, "a", "same");
    const other = new LocalContentStore(store.root);
    stores.push(other);
    expect(await codeOf(other.openWriter("b", { total: 4, expected: digest }))).toBe(status.ALREADY_EXISTS);
    expect([...other.touched]).toEqual([digest]);
  });

  test("one ref has one writer at a time; a released ingest resumes at its offset with its digest intact", async () => {
    const store = await newStore();
    const w1 = await store.openWriter("layer", { total: 6, expected: sha256("abcdef") });
    expect(await codeOf(store.openWriter("layer", { total: 6, expected: "" }))).toBe(status.UNAVAILABLE);
    expect(await w1.write(Buffer.from("abc"), 0)).toBe(3);
    await w1.release();
    expect(store.status("layer")).toMatchObject({ ref: "layer", offset: 3, total: 6, expected: sha256("abcdef") });

    const w2 = await store.openWriter("layer", { total: 0, expected: "" });
    expect(w2.status()).toMatchObject({ offset: 3, digest: sha256("abc") });
    expect(await w2.write(Buffer.from("def"), 3)).toBe(6);
    expect(await w2.commit(0, "")).toBe(sha256("abcdef"));
    expect(await codeOf(Promise.resolve().then(() => store.status("layer")))).toBe(status.NOT_FOUND);
  });

  test("a write away from the current offset is OutOfRange; a write at 0 starts over", async () => {
    const store = await newStore();
    const w = await store.openWriter("r", { total: 0, expected: "" });
    await w.write(Buffer.from("garbage"), 0);
    expect(await codeOf(w.write(Buffer.from("x"), 3))).toBe(status.OUT_OF_RANGE);
    expect(await w.write(Buffer.from("good"), 0)).toBe(4);
    expect(await w.commit(4, sha256("good"))).toBe(sha256("good"));
    expect(await readFile(blobPath(store.root, sha256("good")), "utf8")).toBe("good");
  });

  test.each([
    ["size", 5, "", /unexpected commit size 4, expected 5/],
    ["digest", 4, sha256("other"), /unexpected commit digest sha256:[0-9a-f]+, expected sha256:/],
  ])("a commit with the wrong %s is FailedPrecondition and stores nothing", async (_what, total, expected, message) => {
    const store = await newStore();
    const w = await store.openWriter("r", { total: 0, expected: "" });
    await w.write(Buffer.from("data"), 0);
    const err = await w.commit(total, expected).catch((e: unknown) => e as ContentStoreError);
    expect(err).toBeInstanceOf(ContentStoreError);
    expect((err as ContentStoreError).grpcCode).toBe(status.FAILED_PRECONDITION);
    expect((err as ContentStoreError).message).toMatch(message);
    expect(await store.has(sha256("data"))).toBe(false);
  });

  test("of two writers of the same bytes under different refs, the second commit is AlreadyExists", async () => {
    const store = await newStore();
    const [a, b] = [
      await store.openWriter("a", { total: 0, expected: "" }),
      await store.openWriter("b", { total: 0, expected: "" }),
    ];
    await a.write(Buffer.from("twin"), 0);
    await b.write(Buffer.from("twin"), 0);
    expect(await a.commit(4, "")).toBe(sha256("twin"));
    expect(await codeOf(b.commit(4, ""))).toBe(status.ALREADY_EXISTS);
    expect(store.listStatuses()).toEqual([]);
  });

  test("skipIfStored drops the ingest once another writer has committed the blob", async () => {
    const store = await newStore();
    const w = await store.openWriter("late", { total: 0, expected: "" });
    await w.write(Buffer.from("xy"), 0);
    expect(await w.skipIfStored(sha256("xy"))).toBe(false);
    await put(store, "early", "xy");
    expect(await w.skipIfStored(sha256("xy"))).toBe(true);
    expect(store.listStatuses()).toEqual([]);
  });

  test("abort removes an idle ingest, refuses a busy one, and NotFound for an unknown ref", async () => {
    const store = await newStore();
    const w = await store.openWriter("r", { total: 10, expected: "" });
    await w.write(Buffer.from("part"), 0);
    expect(await codeOf(store.abort("r"))).toBe(status.UNAVAILABLE);
    await w.release();
    await store.abort("r");
    expect(store.listStatuses()).toEqual([]);
    expect(await codeOf(store.abort("r"))).toBe(status.NOT_FOUND);
  });

  test("list names every well-formed blob; delete removes one", async () => {
    const store = await newStore();
    const a = await put(store, "a", "one");
    const b = await put(store, "b", "two");
    await writeFile(join(store.root, "blobs", "sha256", "not-a-digest"), "x");
    expect((await store.list()).map((i) => i.digest).sort()).toEqual([a, b].sort());
    await store.delete(a);
    expect(await store.has(a)).toBe(false);
    expect(await codeOf(store.delete(a))).toBe(status.NOT_FOUND);
  });

  test("close removes partial data and the ingest directory, never committed blobs or others' ingests", async () => {
    const store = await newStore();
    const digest = await put(store, "done", "kept");
    const w = await store.openWriter("partial", { total: 100, expected: "" });
    await w.write(Buffer.from("half"), 0);
    await w.release();
    await mkdir(join(store.root, "ingest", "someone-else"), { recursive: true });
    await store.close();
    expect(await readdir(join(store.root, "ingest"))).toEqual(["someone-else"]);
    expect(await store.has(digest)).toBe(true);
  });
});
