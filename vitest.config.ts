import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

// Long runs (the ten-kill crash loop) only with `vitest run --mode soak` (npm run test:soak).
const SOAK = "**/*.soak.test.ts";

export default defineConfig(({ mode }) => ({
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
    include:
      mode === "soak"
        ? [SOAK]
        : [
            "emulator/**/*.test.ts",
            "lib/**/*.test.ts",
            "app/**/*.test.ts",
            "components/**/*.test.ts",
            "bench/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
    exclude: mode === "soak" ? configDefaults.exclude : [...configDefaults.exclude, SOAK],
    environment: "node",
    globalSetup: ["./lib/server/db/testing/postgres-global-setup.ts"],
    setupFiles: ["./lib/testing/console-capture.ts"],
    // Most files wait on servers, timers and Graph's pacing, not the CPU: four at once on two cores.
    maxWorkers: 4,
    // CI prints the summary and any failure, not a line per file and per slow test.
    reporters: process.env.CI ? ["dot"] : ["default"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
}));
