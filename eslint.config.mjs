// ESLint for the page scripts (auditor/gatherers/js): each file is one function expression that a gatherer runs
// in the audited page (or common.js, statements that install window.__elab). `make setup` installs ESLint from
// npm (package.json, package-lock.json); tests/unit/test_page_scripts.py fails on any error.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["auditor/gatherers/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      // A page script swallows what the page throws at it (catch (e) {}), and drops keys by destructuring.
      "no-unused-vars": ["error", { caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
];
