import "server-only";
import type { Database } from "../db/database";
import { appendHistory } from "../history/append";
import type { HistoryActor } from "../history/draft";

export const DEFAULT_INTERVAL_MINUTES = 15;

export interface WatchState {
  enabled: boolean;
  intervalMinutes: number;
  runRequestedAt: number | null;
  /** Changes from before this (the watch was off) are not news: the first run after it is a baseline. */
  enabledSince: number | null;
  lastRun: { startedAt: number; finishedAt: number; appeared: number; cleared: number } | null;
}

/** The tenant's watch settings and its last run; off until someone turns it on. */
export async function readWatchState(database: Database, tenantId: string): Promise<WatchState> {
  const [settings, lastRun] = await Promise.all([
    database.kysely
      .selectFrom("watch_settings")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .executeTakeFirst(),
    database.kysely
      .selectFrom("watch_runs")
      .select(["started_at", "finished_at", "appeared", "cleared"])
      .where("tenant_id", "=", tenantId)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    enabled: settings?.enabled === 1,
    intervalMinutes: settings?.interval_minutes ?? DEFAULT_INTERVAL_MINUTES,
    runRequestedAt: settings?.run_requested_at ?? null,
    enabledSince: settings?.enabled_since ?? null,
    lastRun: lastRun
      ? {
          startedAt: lastRun.started_at,
          finishedAt: lastRun.finished_at,
          appeared: lastRun.appeared,
          cleared: lastRun.cleared,
        }
      : null,
  };
}

/** A run is due when the watch is on and its interval has passed, or someone asked for one since the last. */
export function watchRunDue(state: WatchState, now: number): boolean {
  if (!state.enabled) return false;
  if (!state.lastRun || state.lastRun.startedAt < (state.enabledSince ?? 0)) return true;
  if (state.runRequestedAt !== null && state.runRequestedAt > state.lastRun.startedAt) return true;
  return now - state.lastRun.startedAt >= state.intervalMinutes * 60_000;
}

/** Turns the watch on or off, or changes its interval; or asks for a run now. Each change is on record. */
export async function changeWatchSettings(
  database: Database,
  tenantId: string,
  change: { enabled?: boolean; intervalMinutes?: number; runNow?: boolean },
  actor: HistoryActor,
  now: number,
): Promise<void> {
  await database.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("watch_settings")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .executeTakeFirst();
    const enabled = (change.enabled ?? current?.enabled === 1) ? 1 : 0;
    const turnedOn = enabled === 1 && current?.enabled !== 1;
    const row = {
      tenant_id: tenantId,
      enabled,
      enabled_since: turnedOn ? now : (current?.enabled_since ?? null),
      interval_minutes:
        change.intervalMinutes ?? current?.interval_minutes ?? DEFAULT_INTERVAL_MINUTES,
      run_requested_at: change.runNow ? now : (current?.run_requested_at ?? null),
      updated_by_oid: actor.oid,
      updated_at: now,
    };
    await trx
      .insertInto("watch_settings")
      .values(row)
      .onConflict((oc) => oc.column("tenant_id").doUpdateSet(row))
      .execute();
    const said = change.runNow
      ? "Asked the watch to check now"
      : `Watch ${row.enabled ? `on, every ${row.interval_minutes} min` : "off"}`;
    await appendHistory(
      trx,
      database.dialect,
      [{ tenantId, action: "settings.watch_changed", actor, summary: said, detail: change }],
      now,
    );
  });
}
