import { afterEach, describe, expect, test } from "vitest";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status, type ServiceError } from "@grpc/grpc-js";
import { LocalContentStore } from "../../../src/buildkit/content-store/content-store.js";
import { contentStores } from "../../../src/buildkit/content-store/content-store-service.js";
import {
  WriteAction,
  type InfoResponse,
  type ListStatusesResponse,
  type StatusResponse,
} from "../../../src/buildkit/gen/containerd/services/content/v1/content_pb.js";
import { serve, sha256, type Harness } from "./harness.js";

let harness: Harness | undefined;
const stores: LocalContentStore[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const s of stores.splice(0)) await s.close();
});

const ID = "local:/cache/dir";

async function setup(): Promise<{ h: Harness; store: LocalContentStore }> {
  const store = new LocalContentStore(await mkdtemp(join(tmpdir(), "kiln-cs-svc-")));
  stores.push(store);
  harness = await serve(contentStores(new Map([[ID, store]])));
  return { h: harness, store };
}

const codeOf = (p: Promise<unknown>): Promise<number | undefined> =>
  p.then(
    () => undefined,
    (e: unknown) => (e as ServiceError).code,
  );

describe("the session Content service", () => {
  test("a blob written the way the daemon's proxy writes it is stored, and Info and Read serve it back", async () => {
    const { h, store } = await setup();
    const data = Buffer.from("x".repeat(5000) + "end");
    expect(await h.writeBlob(ID, "layer-1", data)).toBe("written");
    expect(await readFile(join(store.root, "blobs", "sha256", sha256(data).slice(7)))).toEqual(data);

    const info = await h.unary<InfoResponse>("info", { digest: sha256(data) }, ID);
    expect(info.info?.digest).toBe(sha256(data));
    expect(info.info?.size).toBe(BigInt(data.length));

    expect((await h.read(ID, sha256(data), 0, 0)).data).toEqual(data);
    // ReaderAt asks for exactly len(p) bytes at an offset; replies say where their data starts.
    const window = await h.read(ID, sha256(data), 4990, 13);
    expect(window.data.toString()).toBe("xxxxxxxxxxend");
    expect(window.offsets).toEqual([4990]);
  });

  test("large reads arrive in 1 MiB messages", async () => {
    const { h } = await setup();
    const data = Buffer.alloc(2.5 * 1024 * 1024, 7);
    expect(await h.writeBlob(ID, "big", data, 1 << 20)).toBe("written");
    const read = await h.read(ID, sha256(data), 0, 0);
    expect(read.data.equals(data)).toBe(true);
    expect(read.offsets).toEqual([0, 1 << 20, 2 << 20]);
  });

  test("negotiating a blob that is already stored answers AlreadyExists, which the daemon takes as done", async () => {
    const { h } = await setup();
    const data = Buffer.from("config");
    expect(await h.writeBlob(ID, "a", data)).toBe("written");
    expect(await h.writeBlob(ID, "b", data)).toBe("exists");
  });

  test("STAT reports offset, total and the digest so far; a stream closed early leaves the ingest to resume", async () => {
    const { h } = await setup();
    const data = Buffer.from("resumable!");
    const first = h.write(ID);
    const stat = await first.send({ action: WriteAction.STAT, ref: "r", total: data.length, expected: sha256(data) });
    expect(stat).toMatchObject({
      action: WriteAction.STAT,
      offset: 0n,
      total: BigInt(data.length),
      digest: sha256(""),
    });
    expect((await first.send({ action: WriteAction.WRITE, data: data.subarray(0, 4) })).offset).toBe(4n);
    await first.closeSend();

    const statuses = await h.unary<ListStatusesResponse>("listStatuses", { filters: [] }, ID);
    expect(statuses.statuses.map((s) => [s.ref, s.offset])).toEqual([["r", 4n]]);
    expect((await h.unary<StatusResponse>("status", { ref: "r" }, ID)).status?.total).toBe(BigInt(data.length));

    const again = h.write(ID);
    const resumed = await again.send({ action: WriteAction.STAT, ref: "r" });
    expect(resumed).toMatchObject({ offset: 4n, digest: sha256(data.subarray(0, 4)) });
    await again.send({ action: WriteAction.WRITE, offset: 4, data: data.subarray(4) });
    const done = await again.send({
      action: WriteAction.COMMIT,
      offset: 10,
      total: data.length,
      expected: sha256(data),
    });
    expect(done).toMatchObject({ action: WriteAction.COMMIT, offset: 10n, digest: sha256(data) });
    await again.closeSend();
    expect((await h.read(ID, sha256(data), 0, 0)).data).toEqual(data);
  });

  test.each([
    ["a first message without a ref", [{ action: WriteAction.STAT }], status.INVALID_ARGUMENT],
    [
      "a write away from the offset",
      [
        { action: WriteAction.STAT, ref: "r" },
        { action: WriteAction.WRITE, offset: 9, data: Buffer.from("x") },
      ],
      status.OUT_OF_RANGE,
    ],
    [
      "a commit with the wrong digest",
      [
        { action: WriteAction.STAT, ref: "r" },
        { action: WriteAction.COMMIT, data: Buffer.from("x"), expected: sha256("y") },
      ],
      status.FAILED_PRECONDITION,
    ],
  ])("%s ends the stream with the matching status", async (_name, messages, code) => {
    const { h } = await setup();
    const w = h.write(ID);
    let failed: number | undefined;
    for (const m of messages) failed ??= await codeOf(w.send(m));
    expect(failed).toBe(code);
  });

  test("a second stream on a ref being written is Unavailable (the daemon retries), and Abort frees it", async () => {
    const { h } = await setup();
    const a = h.write(ID);
    await a.send({ action: WriteAction.STAT, ref: "busy" });
    expect(await codeOf(h.write(ID).send({ action: WriteAction.STAT, ref: "busy" }))).toBe(status.UNAVAILABLE);
    await a.closeSend();
    await h.unary("abort", { ref: "busy" }, ID);
    expect(await codeOf(h.unary("status", { ref: "busy" }, ID))).toBe(status.NOT_FOUND);
  });

  test.each([
    ["without the store header", undefined, status.INVALID_ARGUMENT],
    ["naming an unknown store", "local:/elsewhere", status.NOT_FOUND],
  ])("a request %s is refused", async (_name, storeId, code) => {
    const { h } = await setup();
    expect(await codeOf(h.unary("info", { digest: sha256("x") }, storeId))).toBe(code);
  });

  test("Info of a missing blob is NotFound and of a malformed digest InvalidArgument; Update is refused", async () => {
    const { h } = await setup();
    expect(await codeOf(h.unary("info", { digest: sha256("missing") }, ID))).toBe(status.NOT_FOUND);
    expect(await codeOf(h.unary("info", { digest: "sha256:nothex" }, ID))).toBe(status.INVALID_ARGUMENT);
    expect(await codeOf(h.unary("update", { info: { digest: sha256("x") } }, ID))).toBe(status.FAILED_PRECONDITION);
  });

  test("two stores on one session are kept apart by the header", async () => {
    const a = new LocalContentStore(await mkdtemp(join(tmpdir(), "kiln-cs-a-")));
    const b = new LocalContentStore(await mkdtemp(join(tmpdir(), "kiln-cs-b-")));
    stores.push(a, b);
    harness = await serve(
      contentStores(
        new Map([
          ["local:a", a],
          ["local:b", b],
        ]),
      ),
    );
    expect(await harness.writeBlob("local:a", "r", Buffer.from("only in a"))).toBe("written");
    expect(await a.has(sha256("only in a"))).toBe(true);
    expect(await b.has(sha256("only in a"))).toBe(false);
    expect(await codeOf(harness.unary("info", { digest: sha256("only in a") }, "local:b"))).toBe(status.NOT_FOUND);
  });
});
