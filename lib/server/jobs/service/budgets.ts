import "server-only";
import { getServerEnv } from "../../env";
import { getGraphSettings } from "../../graph/settings";
import { type ReadBudget, readBudget } from "../read-budget";
import { type WriteBudget, writeBudget } from "../write-budget";
import { getAppDatabase } from "./app-database";

/**
 * The tenant's Graph write budget, shared through the database by every job, every single-user
 * reprocess and every instance: one bucket per app (client id) and tenant.
 */
export async function getWriteBudget(): Promise<WriteBudget> {
  const [database, settings] = await Promise.all([getAppDatabase(), getGraphSettings()]);
  const { writeLimit, writeWindowMs } = getServerEnv().jobs;
  return writeBudget(database, {
    appId: settings.client.clientId,
    tenantId: settings.tenantId,
    capacity: writeLimit,
    windowMs: writeWindowMs,
  });
}

/** Graph's ResourceUnits for reads, shared like writes; sized for a small tenant, the strictest. */
export async function getReadBudget(): Promise<ReadBudget> {
  const [database, settings] = await Promise.all([getAppDatabase(), getGraphSettings()]);
  return readBudget(database, { appId: settings.client.clientId, tenantId: settings.tenantId });
}
