import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Imports one part of the house must not make, and why. */
const walls = {
  ui: {
    regex: "^(#app/(components|routes)/|(\\.\\./)+(components|routes)/)",
    message: "UI stays out of models, auth, content and the collab wing (decision 009).",
  },
  database: {
    regex: "^(#db/|(\\.\\./)+db/)",
    message:
      "Routes and components reach the database through app/models; vocabularies are in #app/domain (decision 009).",
  },
  server: {
    regex: "(^#app/(models|auth)/|^#server/|\\.server(\\.ts)?$)",
    message: "Content and domain run in the browser too: no server code (decision 009).",
  },
};

export default tseslint.config(
  { ignores: ["build/", ".react-router/", "node_modules/", "test-results/", "playwright-report/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Focused tests would hide the rest of the suite.
      "no-restricted-properties": [
        "error",
        { object: "test", property: "only", message: "Remove .only before committing." },
        { object: "it", property: "only", message: "Remove .only before committing." },
        { object: "describe", property: "only", message: "Remove .only before committing." },
      ],
    },
  },
  // The walls of the house (docs/ARCHITECTURE.md, decision 009). Each directory lists every wall
  // it stands behind: for one file, the last block naming this rule wins.
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [walls.database] }] },
  },
  {
    files: ["app/models/**/*.ts", "app/auth/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [walls.ui] }] },
  },
  {
    files: ["app/content/**/*.ts", "app/domain/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [walls.ui, walls.database, walls.server] }] },
  },
  {
    files: ["server/collab/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [walls.ui] }] },
  },
  // React's rules for React code only: Playwright fixtures also call a function named `use`.
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
