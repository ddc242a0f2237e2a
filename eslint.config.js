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
// The browser trusts its own API's answers: zod and the contract's schemas stay on the server.
const browserImports = {
  paths: [{ name: "zod", message: "Zod stays on the server; the browser takes the API's types." }],
  patterns: [
    {
      group: [
        "@/lib/api/*",
        "!@/lib/api/app-roles",
        "!@/lib/api/error-codes",
        "!@/lib/api/inactive-days",
        "!@/lib/api/job-description",
        "!@/lib/api/read-way-labels",
        "!@/lib/api/resume-refusal",
        "!@/lib/api/usage-locations",
      ],
      allowTypeImports: true,
      message: "This module builds zod schemas; the browser imports only its types.",
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
    files: [
      "app/(app)/**",
      "app/providers.tsx",
      "app/redirect/**",
      "components/**",
      "lib/client/**",
    ],
    ignores: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", browserImports] },
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
