import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components; in Node tests it has nothing to guard.
      "server-only": fileURLToPath(
        new URL("./lib/server/testing/server-only-stub.ts", import.meta.url),
      ),
    },
  },
  test: {
    include: [
      "emulator/**/*.test.ts",
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "bench/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    environment: "node",
    globalSetup: ["./lib/server/db/testing/postgres-global-setup.ts"],
    setupFiles: ["./lib/testing/console-capture.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
