import { EVERY_CAUSE_FIXED, type EmulatorControl } from "../../lib/testing/emulator-control";
import { waitFor } from "../../lib/testing/wait";

/**
 * A generated tenant whose first `count` users in error have had their causes fixed, and enough
 * seats everywhere: reprocessing each of them resolves it. Answers their ids. Users missing a
 * required license are left out: only a license change fixes them, and it reprocesses them at once.
 */
export async function usersInErrorWithCausesFixed(
  emulator: EmulatorControl,
  count: number,
  seed: number,
): Promise<string[]> {
  // The generator spreads errors evenly over six causes; one of them is left out.
  const usersInError = Math.ceil((count * 6) / 5) + 6;
  const state = await emulator.generate({
    users: usersInError * 3 + 100,
    groups: 6,
    usersInError,
    seed,
  });
  const ids = state.usersInError
    .filter((user) => user.failing.every((failing) => failing.error !== "DependencyViolation"))
    .slice(0, count)
    .map((user) => user.id);
  if (ids.length < count) throw new Error(`The emulator generated only ${ids.length} to fix.`);
  for (const sku of state.skus) await emulator.addSeats(sku.skuPartNumber, count);
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(ids.slice(i, i + 25).map((id) => emulator.patchUser(id, EVERY_CAUSE_FIXED)));
  }
  return ids;
}

/** Holds the next reprocess call `ms` before Graph acts on it; resolves once one is being held. */
export async function holdNextReprocess(emulator: EmulatorControl, ms: number): Promise<void> {
  const rule = await emulator.injectGraphFault({
    method: "POST",
    path: "/users/*/reprocessLicenseAssignment",
    latencyMs: ms,
  });
  await waitFor(
    "a reprocess call to be held",
    async () => {
      const { faults } = await emulator.graphFaults();
      return faults.some((fault) => fault.id === rule.id && fault.applied > 0) || undefined;
    },
    { timeoutMs: 30_000, intervalMs: 20 },
  );
}

/** Waits until the emulator has answered (and logged) every request numbered after `since` up to `upTo`. */
export async function waitForAnswers(
  emulator: EmulatorControl,
  since: number,
  upTo: number,
): Promise<void> {
  await waitFor(
    `the emulator to answer requests ${since + 1} to ${upTo}`,
    async () => {
      const logged = new Set((await emulator.requests({ since })).map((request) => request.seq));
      for (let seq = since + 1; seq <= upTo; seq++) if (!logged.has(seq)) return undefined;
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
}
