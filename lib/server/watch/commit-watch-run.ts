import "server-only";
import type { Database } from "../db/database";
import { appendHistory } from "../history/append";
import { type HistoryDraft, SYSTEM_HISTORY_ACTOR } from "../history/draft";
import { type Lease, stillLeading } from "./leader";
import { digestOf, type SeenError } from "./payloads";

export interface WatchRunResult {
  runId: number;
  baseline: boolean;
  appeared: SeenError[];
  cleared: SeenError[];
}

const keyOf = (e: { userId: string; skuId: string; source: string }) =>
  `${e.userId.toLowerCase()}|${e.skuId.toLowerCase()}|${e.source.toLowerCase()}`;

const record = (
  tenantId: string,
  action: "error.appeared" | "error.cleared",
  e: SeenError,
): HistoryDraft => ({
  tenantId,
  action,
  actor: SYSTEM_HISTORY_ACTOR,
  target: { userId: e.userId, upn: e.upn, displayName: e.displayName },
  summary: `${e.displayName}: ${e.productName}${e.groupName ? ` (${e.groupName})` : ""} ${action === "error.appeared" ? "failed" : "no longer fails"}: ${e.code}`,
  terms: { skuIds: [e.skuId], codes: [e.code] },
  detail: {
    skuId: e.skuId,
    product: e.productName,
    source: e.source,
    group: e.groupName,
    code: e.code,
  },
});

/**
 * Commits what one watch run saw, once: the known errors are compared with it in the same transaction that
 * updates them, only while this instance still leads, so a change is recorded and notified exactly once. The
 * first run (after the watch is turned on) only sets the baseline. Null when the lease was lost meanwhile (nothing is written).
 */
export async function commitWatchRun(
  database: Database,
  lease: Lease,
  {
    tenantId,
    startedAt,
    now,
    observed,
    publicUrl,
    enabledSince = 0,
  }: {
    tenantId: string;
    startedAt: number;
    now: number;
    observed: SeenError[];
    publicUrl: string | null;
    /** When the watch was last turned on: the first run after it takes a new baseline. */
    enabledSince?: number;
  },
): Promise<WatchRunResult | null> {
  return database.kysely.transaction().execute(async (trx) => {
    if (!(await stillLeading(trx, database, lease, now))) return null;
    const known = await trx
      .selectFrom("watch_errors")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .execute();
    const earlier = await trx
      .selectFrom("watch_runs")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("started_at", ">=", enabledSince)
      .limit(1)
      .executeTakeFirst();
    // Nobody watched while it was off: what changed then is learnt, not announced.
    const baseline = !earlier;
    if (baseline) await trx.deleteFrom("watch_errors").where("tenant_id", "=", tenantId).execute();
    // A baseline starts the known set afresh: every error seen now is stored, none announced.
    const knownByKey = new Map(
      (baseline ? [] : known).map((k) => [
        keyOf({ userId: k.user_id, skuId: k.sku_id, source: k.source }),
        k,
      ]),
    );
    const seen = new Map(observed.map((e) => [keyOf(e), e]));
    const appeared = [...seen]
      .filter(([key, e]) => knownByKey.get(key)?.code !== e.code)
      .map(([, e]) => e);
    const cleared: SeenError[] = (baseline ? [] : known)
      .filter((k) => !seen.has(keyOf({ userId: k.user_id, skuId: k.sku_id, source: k.source })))
      .map((k) => ({
        userId: k.user_id,
        upn: k.upn,
        displayName: k.display_name,
        skuId: k.sku_id,
        productName: k.product_name,
        source: k.source,
        groupName: k.group_name,
        code: k.code,
        since: null,
      }));
    for (const e of cleared) {
      await trx
        .deleteFrom("watch_errors")
        .where("tenant_id", "=", tenantId)
        .where("user_id", "=", e.userId)
        .where("sku_id", "=", e.skuId)
        .where("source", "=", e.source)
        .execute();
    }
    for (const e of appeared) {
      await trx
        .insertInto("watch_errors")
        .values({
          tenant_id: tenantId,
          user_id: e.userId.toLowerCase(),
          sku_id: e.skuId.toLowerCase(),
          source: e.source.toLowerCase(),
          code: e.code,
          upn: e.upn,
          display_name: e.displayName,
          product_name: e.productName,
          group_name: e.groupName,
          first_seen_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(["tenant_id", "user_id", "sku_id", "source"])
            .doUpdateSet({ code: e.code, first_seen_at: now }),
        )
        .execute();
    }
    const run = await trx
      .insertInto("watch_runs")
      .values({
        tenant_id: tenantId,
        started_at: startedAt,
        finished_at: now,
        appeared: baseline ? 0 : appeared.length,
        cleared: baseline ? 0 : cleared.length,
        fence: lease.fence,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const runId = Number(run.id);
    if (!baseline && appeared.length > 0) {
      const changeKey = `watch-run:${runId}`;
      const payload = JSON.stringify(
        digestOf({
          changeKey,
          detectedAt: now,
          appeared,
          cleared: cleared.length,
          publicUrl,
          window: { from: startedAt, to: now },
        }),
      );
      const webhooks = await trx
        .selectFrom("webhooks")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .execute();
      for (const { id } of webhooks) {
        await trx
          .insertInto("notification_outbox")
          .values({
            tenant_id: tenantId,
            webhook_id: id,
            change_key: changeKey,
            payload,
            status: "pending",
            next_attempt_at: now,
            last_status: null,
            last_error: null,
            created_at: now,
            delivered_at: null,
          })
          .onConflict((oc) => oc.columns(["webhook_id", "change_key"]).doNothing())
          .execute();
      }
    }
    const drafts: HistoryDraft[] = baseline
      ? [
          {
            tenantId,
            action: "watch.baseline",
            actor: SYSTEM_HISTORY_ACTOR,
            summary: `Watch started: ${observed.length} failing assignment${observed.length === 1 ? "" : "s"} known`,
            detail: { failing: observed.length },
          },
        ]
      : [
          ...appeared.map((e) => record(tenantId, "error.appeared", e)),
          ...cleared.map((e) => record(tenantId, "error.cleared", e)),
        ];
    // Last: the history's chain head is the final lock a transaction takes.
    await appendHistory(trx, database.dialect, drafts, now);
    return {
      runId,
      baseline,
      appeared: baseline ? [] : appeared,
      cleared: baseline ? [] : cleared,
    };
  });
}
