import type { EmulatorControl, LoggedRequest } from "../../lib/testing/emulator-control";

/** A reprocess call that Graph accepted or refused, and whose it was. */
export interface LoggedWrite extends LoggedRequest {
  userId: string;
}

const REPROCESS_PATH = /\/users\/([^/]+)\/reprocessLicenseAssignment$/i;

/** Reprocess calls the emulator logged after `since`, each with the user it was for. */
export async function reprocessWrites(
  emulator: EmulatorControl,
  since: number,
): Promise<LoggedWrite[]> {
  return (await emulator.graphRequests(since)).flatMap((entry) => {
    const userId = REPROCESS_PATH.exec(entry.path)?.[1];
    return userId && entry.method === "POST" ? [{ ...entry, userId }] : [];
  });
}

/** Graph's answer accepted the reprocess. */
const accepted = (write: LoggedWrite) => write.status >= 200 && write.status < 300;

/** Accepted writes grouped by user, in the order they were sent (their `$batch` arrived). */
export function acceptedWritesByUser(writes: LoggedWrite[]): Map<string, LoggedWrite[]> {
  const byUser = new Map<string, LoggedWrite[]>();
  for (const write of writes.filter(accepted)) {
    byUser.set(write.userId, [...(byUser.get(write.userId) ?? []), write]);
  }
  for (const userWrites of byUser.values()) {
    userWrites.sort((a, b) => (a.batchSeq ?? a.seq) - (b.batchSeq ?? b.seq));
  }
  return byUser;
}

/** The most writes the emulator answered within any `windowMs` (for the report, next to the limit). */
export function busiestWindow(writes: LoggedWrite[], windowMs: number): number {
  const times = writes.map((write) => Date.parse(write.time)).sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
