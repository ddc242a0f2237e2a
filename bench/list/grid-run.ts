import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAppInstance } from "@/e2e/support/app-instance";
import { startEmulatorProcess } from "@/lib/server/testing/emulator-process";
import { EmulatorControl } from "@/lib/testing/emulator-control";
import { type FirstLoadJs, type GridFigures, measureFirstLoadJs, measureGrid } from "./grid";
import { forwardPort } from "./port-forward";

export interface GridRunOptions {
  users: number;
  inError: number;
  rounds: number;
  wheelStepPx: number;
  /** Where the app is reached: the emulator lets sign-in come back to ports 3000 and 3100 only. */
  port: number;
}

export const DEFAULT_GRID_RUN: GridRunOptions = {
  users: 30_000,
  inError: 10_000,
  rounds: 3,
  wheelStepPx: 1_200,
  port: 3_000,
};

/**
 * The built app (`npm run build` first) against its own emulator with a generated tenant of `inError`
 * users in error, measured in Chromium: every grid interaction, then the dashboard's first-load JavaScript.
 */
export async function runGridBench(
  options: GridRunOptions = DEFAULT_GRID_RUN,
  log: (line: string) => void = console.log,
): Promise<{ grid: GridFigures; js: FirstLoadJs }> {
  const folder = await mkdtemp(join(tmpdir(), "licensedesk-grid-bench-"));
  const emulator = await startEmulatorProcess();
  try {
    const control = new EmulatorControl(emulator.url);
    const started = Date.now();
    const { usersInError } = await control.generate({
      users: options.users,
      groups: 200,
      usersInError: options.inError,
      seed: 2026,
    });
    log(
      `grid: tenant of ${options.users} users, ${usersInError.length} in error, generated in ${Date.now() - started} ms`,
    );
    const app = await startAppInstance({
      name: "grid-bench",
      logFile: join(folder, "app.log"),
      emulatorUrl: emulator.url,
      storage: { dataDir: join(folder, "data") },
      leaseSeconds: 30,
      // Every page load after the first is served the same list from the cache, not read again.
      env: { LICENSE_ERRORS_CACHE_SECONDS: "3600" },
    });
    const appUrl = `http://127.0.0.1:${options.port}`;
    const forward = await forwardPort(options.port, new URL(app.url));
    try {
      const where = { appUrl, emulatorUrl: emulator.url };
      const grid = await measureGrid({
        ...where,
        rounds: options.rounds,
        wheelStepPx: options.wheelStepPx,
      });
      return { grid, js: await measureFirstLoadJs(where) };
    } finally {
      forward.close();
      await app.stop();
    }
  } finally {
    await emulator.stop();
  }
}
