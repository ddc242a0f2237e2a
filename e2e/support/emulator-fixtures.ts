import type { Fixtures, TestInfo } from "@playwright/test";
import { EmulatorControl } from "../../lib/testing/emulator-control";
import { EMULATOR_URL } from "../urls";
import { SERVER_LOGS, ServerLog, type ServerName } from "./server-logs";

export interface EmulatorFixtures {
  /**
   * The emulator's control API. Every test starts from the same emulator: the demo tenant, default
   * settings, no faults, limits or latency, an empty request log. A story that needs more seeds it.
   */
  emulator: EmulatorControl;
  /** What the app and the emulator printed during this test, for stories that provoke errors. */
  serverLogs: Record<ServerName, ServerLog>;
}

/** What each server printed during the test, and where its whole log is. */
async function attachServerLogs(logs: Record<ServerName, ServerLog>, testInfo: TestInfo) {
  const parts: string[] = [];
  for (const [server, log] of Object.entries(logs)) {
    const text = log.captured ? (await log.read()).trimEnd() || "(nothing)" : "(not captured)";
    parts.push(`${server}, during this test (the whole log: ${log.file}):\n${text}`);
  }
  await testInfo.attach("server logs", { body: parts.join("\n\n"), contentType: "text/plain" });
}

// Shared by both test bases: the browser stories' and the app-instance specs'.
export const emulatorFixtures: Fixtures<EmulatorFixtures> = {
  // Auto: a test that never touches the emulator still starts after the one before is undone.
  emulator: [
    async ({}, provide) => {
      const emulator = new EmulatorControl(EMULATOR_URL);
      await emulator.reset({ to: "demo", everything: true });
      await provide(emulator);
    },
    { auto: true },
  ],

  serverLogs: [
    async ({}, provide, testInfo) => {
      const logs = {
        app: await ServerLog.mark(SERVER_LOGS.app),
        emulator: await ServerLog.mark(SERVER_LOGS.emulator),
      };
      await provide(logs);
      // A failure comes with what the servers said meanwhile, in the report and in the files.
      if (testInfo.status !== testInfo.expectedStatus) await attachServerLogs(logs, testInfo);
    },
    { auto: true },
  ],
};
