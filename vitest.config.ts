import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    globalSetup: ["vitest.own-tmpdir.ts"],
    environment: "node",
  },
});
