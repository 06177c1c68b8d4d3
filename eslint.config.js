// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "build/**",
      "node_modules/**",
      "src/buildkit/gen/**",
      "coverage/**",
      "scratch/**",
      ".stack/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Plain scripts (bundler, benchmarks) run on Node.
  { files: ["**/*.js", "**/*.mjs"], languageOptions: { globals: globals.node } },
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // The BuildKit client library must stay publishable on its own.
    files: ["src/buildkit/**/*.ts", "src/docker/**/*.ts", "src/registry/**/*.ts", "src/builder/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@actions/*"], message: "only src/action/ may import @actions/*" }] },
      ],
    },
  },
  {
    files: ["src/buildkit/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@actions/*"], message: "src/buildkit/ must not import @actions/*" },
            {
              group: ["../docker/*", "../builder/*", "../action/*", "../registry/*"],
              message: "src/buildkit/ is standalone",
            },
          ],
        },
      ],
    },
  },
);
