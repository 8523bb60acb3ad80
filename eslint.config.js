import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["build/**", "public/build/**", ".cache/**", "coverage/**", "app/generated/**", "node_modules/**", "test-results/**", "playwright-report/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip|todo)$/]", message: "No focused or skipped tests." },
      ],
    },
  },
  // Layer rules (docs/architecture.md): pure domain logic, thin routes, utilities below models.
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    ignores: ["app/domain/**/*.test.ts", "app/domain/**/test-*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/*", "!~/domain", "!~/domain/**"], message: "app/domain is pure: it imports only app/domain (no HTTP, database, UI or utils)." },
            { group: ["../../*", "!../../domain/**"], message: "app/domain is pure: it imports only app/domain." },
            { group: ["@prisma/*", "@remix-run/*", "react", "react-dom", "pg"], message: "app/domain knows nothing of HTTP, React or the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/utils/db.server", "~/generated/**", "@prisma/*", "pg"], message: "Routes never touch the database: call a function in app/models." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/utils/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["~/models/**", "../models/**"], message: "app/utils sits below app/models: move the shared piece down, or the caller up." }] },
      ],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: globals.node },
  },
);
