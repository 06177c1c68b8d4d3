import { InputError } from "../input-error.js";

const UNITS: Readonly<Record<string, number>> = {
  "": 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/**
 * `shm-size`: docker's size syntax (docker/go-units `RAMInBytes`): a number with an optional binary unit,
 * `64m`, `2g`, `1.5GiB`, `512` (bytes). Returns bytes; empty is `undefined` (the daemon's 64 MiB default).
 */
export function parseSize(input: string, name = "shm-size"): number | undefined {
  const value = input.trim();
  if (value === "") return undefined;
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(value);
  if (m === null) throw InputError.expected(name, 'a size like "64m" or "2g"', value);
  const bytes = Math.floor(Number(m[1]) * (UNITS[(m[2] ?? "").toLowerCase()] ?? 1));
  if (bytes <= 0 || !Number.isSafeInteger(bytes)) throw InputError.expected(name, 'a size like "64m" or "2g"', value);
  return bytes;
}
