import { mkdir, mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { test as base, expect } from "@playwright/test";
import { EMULATOR_URL } from "../urls";
import { type AppInstance, type AppInstanceOptions, startAppInstance } from "./app-instance";
import { E2E_ENV } from "./e2e-env";
import { EmulatorAdmin } from "./emulator-admin";

interface InstanceFixtures {
  /** The emulator's control API; the demo tenant and its settings are put back afterwards. */
  emulatorAdmin: EmulatorAdmin;
  /** Starts app instances that are stopped (or found dead) when the test ends. */
  startInstance: (
    options: Omit<AppInstanceOptions, "emulatorUrl"> & { emulatorUrl?: string },
  ) => Promise<AppInstance>;
  /** A fresh SQLite data folder inside this run's folder. */
  newDataDir: () => Promise<string>;
}

// These specs drive app instances over HTTP only: no browser page, so no browser is started for them.
export const test = base.extend<InstanceFixtures>({
  emulatorAdmin: async ({}, provide) => {
    const admin = new EmulatorAdmin(EMULATOR_URL);
    const reprocessDelayMs = await admin.reprocessDelay();
    await provide(admin);
    await admin.resetToDemo(reprocessDelayMs);
  },

  startInstance: async ({}, provide, testInfo) => {
    const started: AppInstance[] = [];
    await provide(async (options) => {
      const instance = await startAppInstance({ emulatorUrl: EMULATOR_URL, ...options });
      started.push(instance);
      return instance;
    });
    await Promise.all(started.map((instance) => instance.stop()));
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach("app instances' output", {
        body: started.map((instance) => instance.output()).join("\n"),
        contentType: "text/plain",
      });
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
