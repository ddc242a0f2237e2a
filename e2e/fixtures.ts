import { test as base, expect } from "@playwright/test";
import { EmulatorControl } from "./emulator-control";
import { EMULATOR_URL } from "./urls";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

interface Fixtures {
  /** Fails the test if the browser asked for anything but loopback (auto: every test has it). */
  loopbackOnly: void;
  emulator: EmulatorControl;
}

export const test = base.extend<Fixtures>({
  loopbackOnly: [
    async ({ context }, provide) => {
      const refused: string[] = [];
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (LOOPBACK_HOSTS.has(url.hostname)) return route.fallback();
        refused.push(url.href);
        return route.abort("blockedbyclient");
      });
      await provide();
      expect(refused, "the browser asked for hosts other than loopback").toEqual([]);
    },
    { auto: true },
  ],

  emulator: async ({ playwright }, provide) => {
    const request = await playwright.request.newContext({ baseURL: EMULATOR_URL });
    const emulator = new EmulatorControl(request);
    const found = await emulator.config();
    await provide(emulator);
    // Tests change settings; the next test starts from the emulator's settings as found.
    await emulator.updateConfig({
      accessTokenLifetimeSeconds: found.accessTokenLifetimeSeconds,
      refreshTokenLifetimeSeconds: found.refreshTokenLifetimeSeconds,
      reprocessDelayMs: found.reprocessDelayMs,
    });
    await request.dispose();
  },
});

export { expect };
