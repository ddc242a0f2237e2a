// ESLint flat config: Next's rules plus the boundary between the app and the emulator.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const emulatorImports = {
  patterns: [
    {
      group: ["**/emulator/**", "emulator/**"],
      message: "The app talks to the emulator over HTTP only.",
    },
  ],
};
const appImports = {
  patterns: [
    {
      group: ["@/*", "**/app/**", "**/lib/**", "**/components/**"],
      message: "The emulator imports nothing from the app.",
    },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["app/**", "lib/**", "components/**", "e2e/**"],
    rules: { "no-restricted-imports": ["error", emulatorImports] },
  },
  {
    files: ["emulator/**"],
    rules: { "no-restricted-imports": ["error", appImports] },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
];

export default config;
