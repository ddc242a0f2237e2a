import "server-only";
import type { Database } from "../db/database";
import type { Selectable } from "kysely";
import type { NotificationOutboxTable, WebhooksTable } from "../db/schema";
import { appendHistory } from "../history/append";
import { type HistoryDraft, SYSTEM_HISTORY_ACTOR } from "../history/draft";
import { type Digest, digestTitle, teamsMessage } from "./payloads";
import { unsealWebhookUrl } from "./webhooks";

const ATTEMPTS = 10;
const TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 30 * 60_000;

export interface PostAnswer {
  ok: boolean;
  /** The HTTP status, or null when nothing answered. */
  status: number | null;
  retryAfterMs?: number;
  error?: string;
}

/** Posts a digest in the webhook's format; the answer's body is never kept, only its status. */
export async function postDigest(
  hook: Pick<WebhooksTable, "id" | "ciphertext" | "kind">,
  digest: Digest,
): Promise<PostAnswer> {
  const url = await unsealWebhookUrl(hook);
  if (!url)
    return {
      ok: false,
      status: null,
      error: "The webhook's address can no longer be read: add it again.",
    };
  const body = hook.kind === "teams" ? teamsMessage(digest) : digest;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        // Receivers that keep what they got can drop a second delivery of the same change.
        "idempotency-key": digest.changeKey,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
    await res.body?.cancel();
    const retryAfter = Number(res.headers.get("retry-after"));
    return {
      ok: res.ok,
      status: res.status,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    };
  } catch (error) {
    return { ok: false, status: null, error: (error as Error).message };
  }
}

const retryable = (answer: PostAnswer) =>
  answer.status === null || answer.status === 429 || answer.status >= 500;

/** Backoff between attempts: 30 s doubling to 30 min, or what the receiver asked for. */
const nextDelay = (attempts: number, answer: PostAnswer) =>
  Math.min(MAX_BACKOFF_MS, answer.retryAfterMs ?? 30_000 * 2 ** (attempts - 1));

const deliveryRecord = (
  row: Selectable<NotificationOutboxTable>,
  hook: Pick<WebhooksTable, "name" | "kind">,
  digest: Digest,
  answer: PostAnswer,
  attempts: number,
): HistoryDraft => ({
  tenantId: row.tenant_id,
  action: answer.ok ? "notification.delivered" : "notification.failed",
  actor: SYSTEM_HISTORY_ACTOR,
  outcome: answer.ok ? "delivered" : "failed",
  summary: `${digestTitle(digest)}: ${answer.ok ? "sent to" : "could not be sent to"} ${hook.name} (${hook.kind === "teams" ? "Teams" : "JSON"})`,
  detail: {
    webhook: hook.name,
    kind: hook.kind,
    changeKey: row.change_key,
    attempts,
    status: answer.status,
    error: answer.error ?? null,
  },
});

/** Sends what is due in the outbox, one at a time; each final answer (delivered or given up) is recorded. */
export async function deliverDue(database: Database, now = Date.now()): Promise<number> {
  const due = await database.kysely
    .selectFrom("notification_outbox as o")
    .innerJoin("webhooks as w", "w.id", "o.webhook_id")
    .selectAll("o")
    .select(["w.name", "w.kind", "w.ciphertext"])
    .where("o.status", "=", "pending")
    .where("o.next_attempt_at", "<=", now)
    .orderBy("o.id")
    .limit(20)
    .execute();
  for (const row of due) {
    const digest = JSON.parse(row.payload) as Digest;
    const answer = await postDigest(
      { id: row.webhook_id, ciphertext: row.ciphertext, kind: row.kind },
      digest,
    );
    const attempts = row.attempts + 1;
    const done = answer.ok || !retryable(answer) || attempts >= ATTEMPTS;
    await database.kysely.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("notification_outbox")
        .set({
          status: answer.ok ? "delivered" : done ? "failed" : "pending",
          attempts,
          next_attempt_at: done ? row.next_attempt_at : Date.now() + nextDelay(attempts, answer),
          last_status: answer.status,
          last_error: answer.error ?? null,
          delivered_at: answer.ok ? Date.now() : null,
        })
        .where("id", "=", row.id)
        .where("status", "=", "pending")
        .where("attempts", "=", row.attempts)
        .executeTakeFirst();
      // Another leader's delivery got there first: it records the outcome.
      if (updated.numUpdatedRows === 0n || !done) return;
      await appendHistory(
        trx,
        database.dialect,
        [deliveryRecord(row, row, digest, answer, attempts)],
        Date.now(),
      );
    });
  }
  return due.length;
}
