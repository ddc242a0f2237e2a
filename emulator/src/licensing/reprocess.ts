import type { EmulatorState } from "../state";
import type { User } from "../tenant/model";
import { processUser } from "./engine";

/**
 * Queues a re-evaluation of the user's licenses, applied after `config.reprocessDelayMs`
 * (0: on the next tick); callers see the outcome only by reading the user again.
 */
export function requestReprocess(state: EmulatorState, user: User): void {
  const userId = user.id;
  state.licensing.schedule(userId, state.config.reprocessDelayMs, () => {
    const current = state.tenant.users.find((u) => u.id === userId);
    if (current) processUser(state.tenant, current, new Date());
  });
}

/**
 * What a reprocess does, at once and stamped `now` (the control API's `process`); a reprocess
 * already waiting for the user is settled by it, so it cannot restamp the user later.
 */
export function processNow(state: EmulatorState, user: User, now: Date): void {
  state.licensing.cancel(user.id);
  processUser(state.tenant, user, now);
}
