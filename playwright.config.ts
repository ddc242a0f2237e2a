import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { canaryBuildCommand } from "./e2e/support/build-canaries";
import { E2E_ENV } from "./e2e/support/e2e-env";
import { loggedCommand, SERVER_LOGS } from "./e2e/support/server-logs";
import { APP_URL, EMULATOR_PORT, EMULATOR_URL } from "./e2e/urls";

const CI = Boolean(process.env.CI);

// Playwright cannot download browsers here: use the given or Debian's Chromium when there is one.
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// One data folder per run, so no job of an earlier run leaks into this one; workers inherit the variable.
// Only named here (the app creates it): loading the config, e.g. for --list, leaves nothing behind.
const runDir = (process.env[E2E_ENV.runDir] ??= join(
  tmpdir(),
  `licensedesk-e2e-${process.pid}-${Date.now().toString(36)}`,
));
const appDataDir = join(runDir, "app");

const chromiumArgs = [
  // Keep Chromium's own update, metrics and safe-browsing traffic off the network.
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  // Chromium's sandbox cannot start as root (CI containers).
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
];

export default defineConfig({
  testDir: "./e2e",
  // The specs share one emulator and change its settings, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  timeout: 60_000,
  // A throwaway PostgreSQL for the specs that run several app instances on one database.
  globalSetup: "./e2e/support/global-setup.ts",
  reporter: CI ? [["dot"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { browserName: "chromium", launchOptions: { executablePath, args: chromiumArgs } },
    },
  ],
  // The servers write to test-results/servers/*.log, not the terminal: a passing run prints only the
  // summary, a failing test carries what they said meanwhile, and a server that fails to start shows its last lines.
  webServer: [
    {
      command: loggedCommand("npx tsx emulator/src/main.ts", SERVER_LOGS.emulator),
      env: { EMULATOR_PORT: String(EMULATOR_PORT) },
      url: `${EMULATOR_URL}/_emulator/tenant`,
      reuseExistingServer: !CI,
      timeout: 60_000,
    },
    {
      command: loggedCommand(
        `${canaryBuildCommand()} && npx next start --hostname 127.0.0.1 --port ${new URL(APP_URL).port}`,
        SERVER_LOGS.app,
      ),
      env: {
        EMULATOR_URL,
        LICENSEDESK_ALLOW_EMULATOR: "1",
        // Links in the watch's notifications point here.
        LICENSEDESK_PUBLIC_URL: APP_URL,
        NEXT_TELEMETRY_DISABLED: "1",
        LICENSEDESK_DATA_DIR: appDataDir,
        // SQLite always: on a PostgreSQL of a spec, this app's workers would take that spec's jobs.
        DATABASE_URL: "",
        // Each story resets the tenant; a list cached by the story before would be stale.
        LICENSE_ERRORS_CACHE_SECONDS: "0",
        // A reprocess that changes nothing is known after this wait; the emulator acts in 300 ms.
        REPROCESS_TIMEOUT_SECONDS: "8",
        // Empty wins over a developer's .env.local, so the tests always run in emulator mode.
        AZURE_TENANT_ID: "",
        AZURE_SPA_CLIENT_ID: "",
        AZURE_API_CLIENT_ID: "",
        AZURE_API_CLIENT_SECRET: "",
      },
      url: APP_URL,
      reuseExistingServer: !CI,
      timeout: 300_000,
    },
  ],
});
