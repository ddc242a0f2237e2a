import { mkdir, mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { test as base, expect } from "@playwright/test";
import { EMULATOR_URL } from "../urls";
import { type AppInstance, type AppInstanceOptions, startAppInstance } from "./app-instance";
import { E2E_ENV } from "./e2e-env";
import { type EmulatorFixtures, emulatorFixtures } from "./emulator-fixtures";

interface InstanceFixtures extends EmulatorFixtures {
  /** Starts app instances that are stopped (or found dead) when the test ends; each logs to a file of the test's. */
  startInstance: (
    options: Omit<AppInstanceOptions, "emulatorUrl" | "logFile"> & { emulatorUrl?: string },
  ) => Promise<AppInstance>;
  /** A fresh SQLite data folder inside this run's folder. */
  newDataDir: () => Promise<string>;
}

// These specs drive app instances over HTTP only: no browser page, so no browser is started for them.
export const test = base.extend<InstanceFixtures>({
  ...emulatorFixtures,

  startInstance: async ({}, provide, testInfo) => {
    const started: AppInstance[] = [];
    await provide(async (options) => {
      const instance = await startAppInstance({
        emulatorUrl: EMULATOR_URL,
        logFile: testInfo.outputPath(`app-instance-${options.name}.log`),
        ...options,
      });
      started.push(instance);
      return instance;
    });
    await Promise.all(started.map((instance) => instance.stop()));
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const instance of started) {
        await testInfo.attach(`app instance ${instance.name}'s log`, {
          path: instance.logFile,
          contentType: "text/plain",
        });
      }
    }
  },

  newDataDir: async ({}, provide) => {
    const runDir = process.env[E2E_ENV.runDir];
    if (!runDir) throw new Error("No run folder: run the specs with Playwright.");
    await mkdir(runDir, { recursive: true });
    await provide(() => mkdtemp(join(runDir, "instance-")));
  },
});

export { expect };
