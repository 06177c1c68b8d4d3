// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** Files under `dir` may import none of the `upper` folders of src/, nor @actions/*. */
function layer(dir, upper) {
  return [
    {
      files: [`${dir}/**/*.ts`],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              { group: ["@actions/*"], message: "only src/action/ may import @actions/*" },
              { group: upper.map((u) => `**/${u}/**`), message: `${dir}/ must not import from a layer above it` },
            ],
          },
        ],
      },
    },
  ];
}

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
  // Layers (docs/ARCHITECTURE.md): no import runs upward, and only src/action/ talks to GitHub (@actions/*).
  ...layer("src/shared", ["buildkit", "docker", "registry", "progress", "builder", "plan", "build", "action"]),
  ...layer("src/buildkit", ["docker", "registry", "progress", "builder", "plan", "build", "action"]),
  ...layer("src/docker", ["buildkit", "registry", "progress", "builder", "plan", "build", "action"]),
  ...layer("src/registry", ["buildkit", "docker", "progress", "builder", "plan", "build", "action"]),
  ...layer("src/progress", ["docker", "registry", "builder", "plan", "build", "action"]),
  ...layer("src/builder", ["progress", "plan", "build", "action"]),
  ...layer("src/plan", ["progress", "build", "action"]),
  ...layer("src/build", ["action"]),
);
