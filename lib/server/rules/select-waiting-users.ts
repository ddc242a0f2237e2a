import "server-only";
import type { SeenError } from "../watch/payloads";

/**
 * The users waiting for a seat of `skuId` (CountViolation on it), those waiting longest first (by the time Graph
 * last changed their failing assignment, the oldest it can name), at most `seats` of them, each once.
 */
export function selectWaitingUsers(
  errors: readonly SeenError[],
  skuId: string,
  seats: number,
): SeenError[] {
  const waiting = new Map<string, SeenError>();
  for (const e of errors) {
    if (e.code !== "CountViolation" || e.skuId.toLowerCase() !== skuId.toLowerCase()) continue;
    const known = waiting.get(e.userId);
    if (!known || (e.since ?? "") < (known.since ?? "")) waiting.set(e.userId, e);
  }
  return [...waiting.values()]
    .sort(
      (a, b) => (a.since ?? "").localeCompare(b.since ?? "") || a.userId.localeCompare(b.userId),
    )
    .slice(0, Math.max(0, seats));
}
