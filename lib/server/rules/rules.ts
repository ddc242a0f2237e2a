import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import type { RulesTable } from "../db/schema";
import { appendHistory } from "../history/append";
import type { HistoryActor } from "../history/draft";

/** The tenant's rules, one per product at most. */
export const listRules = (database: Database, tenantId: string): Promise<RulesTable[]> =>
  database.kysely
    .selectFrom("rules")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at")
    .execute();

/**
 * Turns "reprocess when seats arrive" on or off for a product; whoever turns it on owns it (its jobs act as them
 * in delegated mode). Recorded.
 */
export async function setSeatsRule(
  database: Database,
  {
    tenantId,
    skuId,
    productName,
    enabled,
    actor,
    now,
  }: {
    tenantId: string;
    skuId: string;
    productName: string;
    enabled: boolean;
    actor: HistoryActor;
    now: number;
  },
): Promise<RulesTable> {
  return database.kysely.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("rules")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("sku_id", "=", skuId.toLowerCase())
      .executeTakeFirst();
    const row: RulesTable = {
      id: current?.id ?? randomUUID(),
      tenant_id: tenantId,
      sku_id: skuId.toLowerCase(),
      enabled: enabled ? 1 : 0,
      // Turning it on makes you its owner; turning it off keeps who owned it.
      owner_oid: enabled ? actor.oid : (current?.owner_oid ?? actor.oid),
      owner_name: enabled ? actor.name : (current?.owner_name ?? actor.name),
      created_at: current?.created_at ?? now,
      updated_at: now,
    };
    await trx
      .insertInto("rules")
      .values(row)
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute();
    await appendHistory(
      trx,
      database.dialect,
      [
        {
          tenantId,
          action: enabled ? "rule.enabled" : "rule.disabled",
          actor,
          summary: `${enabled ? "Turned on" : "Turned off"}: reprocess the users waiting for ${productName} when seats are free`,
          terms: { skuIds: [skuId], codes: [] },
          detail: { ruleId: row.id, skuId, product: productName },
        },
      ],
      now,
    );
    return row;
  });
}
