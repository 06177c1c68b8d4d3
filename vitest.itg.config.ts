import { defineConfig } from "vitest/config";

// Integration tests drive one real Docker daemon, registries and emulators: run them one file at a time.
export default defineConfig({
  test: {
    include: ["itg/**/*.test.itg.ts"],
    globalSetup: ["vitest.own-tmpdir.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ["default"],
  },
});
