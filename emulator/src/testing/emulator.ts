import { afterAll, beforeAll, beforeEach } from "vitest";
import { buildDemoTenant } from "../seed/demo";
import { startEmulator, type RunningEmulator } from "../server";
import type { Tenant } from "../tenant/model";

export interface EmulatorPerFileOptions {
  /** The directory to start with; the demo tenant by default. */
  tenant?: () => Tenant;
  /** Give each test a fresh copy of that directory. */
  freshTenantEachTest?: boolean;
}

/**
 * One emulator on a free port for the whole test file, closed after it. The object it returns
 * forwards to the running emulator, so use it inside tests and hooks, not at module level.
 */
export function emulatorPerFile(options: EmulatorPerFileOptions = {}): RunningEmulator {
  let running: RunningEmulator | undefined;
  const current = () => {
    if (!running) throw new Error("The emulator starts in beforeAll; use it in tests and hooks.");
    return running;
  };
  beforeAll(async () => {
    running = await startEmulator({ port: 0, tenant: options.tenant?.() });
  });
  afterAll(() => running?.close());
  if (options.freshTenantEachTest) {
    const build = options.tenant ?? buildDemoTenant;
    beforeEach(() => current().state.replaceTenant(build()));
  }
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get state() {
      return current().state;
    },
    close: () => current().close(),
  };
}
