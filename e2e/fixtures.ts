import { test as base, expect } from "@playwright/test";
import { resetAppPacing } from "./support/app-pacing";
import { type EmulatorFixtures, emulatorFixtures } from "./support/emulator-fixtures";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

interface Fixtures extends EmulatorFixtures {
  /** Fails the test if the browser asked for anything but loopback (auto: every test has it). */
  loopbackOnly: void;
  /** The app's shared Graph budget starts full (auto), whatever a story before made Graph answer. */
  freshPacing: void;
}

export const test = base.extend<Fixtures>({
  ...emulatorFixtures,

  freshPacing: [
    async ({}, provide) => {
      resetAppPacing();
      await provide();
    },
    { auto: true },
  ],

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
});

export { expect };
