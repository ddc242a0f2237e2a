import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/server/db/database";
import type { Tables } from "@/lib/server/db/schema";
import type { Actor } from "./types";

export interface NewAuditEvent {
  at: number;
  tenantId: string;
  actor: Actor;
  /** A dotted verb in the past tense, e.g. "job.created", "user.reprocessed". */
  action: string;
  target: { type: string; id: string };
  detail?: unknown;
}

export interface AuditEvent extends NewAuditEvent {
  id: number;
  detail: unknown;
}

/** Inserts through any handle, so a change and its audit line commit in one transaction. */
export async function insertAuditEvent(db: Kysely<Tables>, event: NewAuditEvent): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      at: event.at,
      tenant_id: event.tenantId,
      actor_oid: event.actor.oid,
      actor_name: event.actor.name,
      action: event.action,
      target_type: event.target.type,
      target_id: event.target.id,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
    })
    .execute();
}

export const appendAuditEvent = (database: Database, event: NewAuditEvent): Promise<void> =>
  insertAuditEvent(database.kysely, event);

export interface ListAuditEventsOptions {
  tenantId: string;
  target?: { type: string; id: string };
  /** Paging: only events older than this id. */
  beforeId?: number;
  limit?: number;
}

/** Newest first. */
export async function listAuditEvents(
  database: Database,
  { tenantId, target, beforeId, limit = 100 }: ListAuditEventsOptions,
): Promise<AuditEvent[]> {
  let query = database.kysely
    .selectFrom("audit_events")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("id", "desc")
    .limit(limit);
  if (target) {
    query = query.where("target_type", "=", target.type).where("target_id", "=", target.id);
  }
  if (beforeId !== undefined) query = query.where("id", "<", beforeId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    tenantId: row.tenant_id,
    actor: { oid: row.actor_oid, name: row.actor_name },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
  }));
}
