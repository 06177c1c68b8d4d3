// The registries of the test stack, read from .stack/env.json (written by scripts/stack-up.sh). Only the
// registries are checked, not the Docker daemon: these tests need nothing else. They never skip: without the
// stack they fail and say how to start it.
import { readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { readStackJson } from "../helpers/stack-env.js";

const START_HINT = "start the test stack with `bash scripts/stack-up.sh`";

export interface RegistryStack {
  /** Plain http, no auth: `127.0.0.1:5000`. */
  readonly KILN_REGISTRY: string;
  /** htpasswd (Basic) auth: `127.0.0.1:5001`. */
  readonly KILN_AUTH_REGISTRY: string;
  readonly KILN_AUTH_USER: string;
  readonly KILN_AUTH_PASSWORD: string;
  /** TLS with a CA of the stack's own: `127.0.0.1:5002`. */
  readonly KILN_TLS_REGISTRY: string;
  /** Path of the CA's PEM. */
  readonly KILN_TLS_CA: string;
  /** A two-platform index on KILN_REGISTRY. */
  readonly KILN_BASE_IMAGE: string;
}

const KEYS = [
  "KILN_REGISTRY",
  "KILN_AUTH_REGISTRY",
  "KILN_AUTH_USER",
  "KILN_AUTH_PASSWORD",
  "KILN_TLS_REGISTRY",
  "KILN_TLS_CA",
  "KILN_BASE_IMAGE",
] as const satisfies readonly (keyof RegistryStack)[];

/** Reads the stack's registry settings and checks that each registry answers `/v2/` as configured. */
export async function loadRegistryStack(): Promise<RegistryStack> {
  const stack: RegistryStack = await readStackJson(KEYS);
  const ca = await readFile(stack.KILN_TLS_CA, "utf8").catch((err: unknown) => {
    throw new Error(`the TLS registry's CA ${stack.KILN_TLS_CA} is unreadable: ${START_HINT}`, { cause: err });
  });
  await Promise.all([
    expectStatus(`http://${stack.KILN_REGISTRY}/v2/`, 200),
    expectStatus(`http://${stack.KILN_AUTH_REGISTRY}/v2/`, 401),
    expectStatus(`https://${stack.KILN_TLS_REGISTRY}/v2/`, 200, ca),
  ]);
  return stack;
}

function expectStatus(url: string, status: number, ca?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string, cause?: unknown): void =>
      reject(new Error(`the registry at ${url} ${why}: ${START_HINT}`, { cause }));
    const send = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = send(url, { timeout: 10_000, ...(ca === undefined ? {} : { ca }) }, (res) => {
      res.resume();
      if (res.statusCode === status) resolve();
      else fail(`answered ${res.statusCode ?? "nothing"} instead of ${status}`);
    });
    req.on("timeout", () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", (err) => fail("is unreachable", err));
    req.end();
  });
}
