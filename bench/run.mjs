// The `npm run bench` entry: plain JavaScript so package.json runs it with `node`; the bench itself is TypeScript
// (type-checked with the rest of the repository), loaded through tsx's ESM hooks. Kiln itself is measured from
// its committed bundles in child processes, so the loader costs the measurements nothing.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
