import "server-only";
import { getAppDatabase } from "../db/app-database";
import { getServerEnv } from "../env";
import { expireHistory } from "./expire-history";

const DAY_MS = 86_400_000;
// Soon after start, not at it: a server that restarts in a loop does not expire on every start.
const FIRST_RUN_MS = 60_000;

/**
 * With HISTORY_RETENTION_DAYS set, removes records older than it once a day. Instances sharing a database may
 * all run it: each batch locks the tenant's chain head, so a second run finds nothing left to remove.
 */
export function startHistoryExpiry(): () => void {
  const retentionDays = getServerEnv().historyRetentionDays;
  if (retentionDays === undefined) return () => {};
  const run = async () => {
    try {
      const results = await expireHistory(await getAppDatabase(), { retentionDays });
      for (const { tenantId, removed } of results) {
        if (removed > 0)
          console.info(
            `[history] removed ${removed} records of ${tenantId} older than ${retentionDays} days`,
          );
      }
    } catch (error) {
      console.error(`[history] expiry failed, tried again tomorrow: ${(error as Error).message}`);
    }
  };
  const first = setTimeout(() => void run(), FIRST_RUN_MS);
  const daily = setInterval(() => void run(), DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
