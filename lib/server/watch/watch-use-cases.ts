import "server-only";
import { isIP } from "node:net";
import type {
  SetSeatsRuleBody,
  CreateWebhookBody,
  TestWebhookResponse,
  UpdateWatchSettingsBody,
  WatchSettingsResponse,
  WebhookView,
} from "@/lib/api/watch";
import { getAppDatabase } from "../db/app-database";
import type { WebhooksTable } from "../db/schema";
import { getServerEnv } from "../env";
import { getGraphSettings } from "../graph/settings";
import { recordHistory } from "../history/append";
import type { HistoryActor } from "../history/draft";
import { ApiError } from "../http/api-error";
import type { Caller } from "../http/with-auth";
import { getLicenseNames } from "../names/resolver";
import { listRules, setSeatsRule } from "../rules/rules";
import { postDigest } from "./deliver";
import { testDigest } from "./payloads";
import { changeWatchSettings, readWatchState, watchRunDue } from "./watch-settings";
import { saveWebhook } from "./webhooks";

async function watchContext(caller: Caller) {
  const [database, settings] = await Promise.all([getAppDatabase(), getGraphSettings("app-only")]);
  const actor: HistoryActor = {
    kind: "person",
    oid: caller.user.oid,
    name: caller.user.name ?? caller.user.preferredUsername ?? caller.user.oid,
  };
  return { database, tenantId: settings.tenantId, actor };
}

const view = (row: WebhooksTable): WebhookView => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  targetHint: row.target_hint,
  createdBy: row.created_by_name,
  createdAt: new Date(row.created_at).toISOString(),
});

/** `GET /api/settings/watch`. */
export async function getWatchSettings(caller: Caller): Promise<WatchSettingsResponse> {
  const { database, tenantId } = await watchContext(caller);
  const [state, hooks, rules] = await Promise.all([
    readWatchState(database, tenantId),
    database.kysely
      .selectFrom("webhooks")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("created_at")
      .execute(),
    listRules(database, tenantId),
  ]);
  return {
    enabled: state.enabled,
    intervalMinutes: state.intervalMinutes,
    lastRun: state.lastRun && {
      startedAt: new Date(state.lastRun.startedAt).toISOString(),
      finishedAt: new Date(state.lastRun.finishedAt).toISOString(),
      appeared: state.lastRun.appeared,
      cleared: state.lastRun.cleared,
    },
    // Asked for and not started yet, or the first check after the watch was turned on.
    runPending:
      state.enabled &&
      watchRunDue({ ...state, intervalMinutes: Number.POSITIVE_INFINITY }, Date.now()),
    publicUrl: getServerEnv().publicUrl,
    webhooks: hooks.map(view),
    seatsRules: rules.map((r) => ({
      skuId: r.sku_id,
      enabled: r.enabled === 1,
      owner: r.owner_name,
    })),
  };
}

/** `PUT /api/settings/rules/{skuId}`: turns "reprocess when seats arrive" on (you own it) or off. */
export async function updateSeatsRule(caller: Caller, skuId: string, body: SetSeatsRuleBody) {
  const { database, tenantId, actor } = await watchContext(caller);
  const names = await getLicenseNames([]);
  await setSeatsRule(database, {
    tenantId,
    skuId,
    productName: names.product(skuId),
    enabled: body.enabled,
    actor,
    now: Date.now(),
  });
  return getWatchSettings(caller);
}

/** `PUT /api/settings/watch`. */
export async function updateWatchSettings(caller: Caller, body: UpdateWatchSettingsBody) {
  const { database, tenantId, actor } = await watchContext(caller);
  await changeWatchSettings(database, tenantId, body, actor, Date.now());
  return getWatchSettings(caller);
}

/** `POST /api/settings/watch/run`: "Check now". */
export async function requestWatchRun(caller: Caller) {
  const { database, tenantId, actor } = await watchContext(caller);
  const state = await readWatchState(database, tenantId);
  if (!state.enabled)
    throw new ApiError("bad_request", "Turn the watch on first: it checks only while it is on.");
  await changeWatchSettings(database, tenantId, { runNow: true }, actor, Date.now());
  return getWatchSettings(caller);
}

// Private and local addresses: a webhook must not make the server call into its own network.
const PRIVATE = [
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^0\./,
  /^::1$/,
  /^f[cd]/i,
  /^fe80/i,
];

/** The URL a webhook may have: https to a public host; in the demo, a local receiver too. */
function checkWebhookUrl(raw: string): string {
  const url = new URL(raw);
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
  if (getServerEnv().mode === "emulator" && local && url.protocol === "http:")
    return url.toString();
  if (url.protocol !== "https:")
    throw new ApiError("bad_request", "A webhook URL starts with https://.");
  if (url.username || url.password)
    throw new ApiError("bad_request", "A webhook URL carries no user name or password.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (local || (isIP(host) && PRIVATE.some((range) => range.test(host)))) {
    throw new ApiError(
      "bad_request",
      "A webhook URL must reach a public address, not this network.",
    );
  }
  return url.toString();
}

/** `POST /api/settings/webhooks`: the URL is sealed at once and never shown again. */
export async function addWebhook(caller: Caller, body: CreateWebhookBody): Promise<WebhookView> {
  const { database, tenantId, actor } = await watchContext(caller);
  const url = checkWebhookUrl(body.url);
  const row = await saveWebhook(database, {
    tenantId,
    name: body.name,
    kind: body.kind,
    url,
    createdBy: actor,
    now: Date.now(),
  });
  await recordHistory(database, [
    {
      tenantId,
      action: "settings.webhook_added",
      actor,
      summary: `Added the webhook ${row.name} (${row.kind === "teams" ? "Teams" : "JSON"}, ${row.target_hint})`,
      detail: { webhookId: row.id, name: row.name, kind: row.kind, target: row.target_hint },
    },
  ]);
  return view(row);
}

async function webhookOrThrow(
  database: Awaited<ReturnType<typeof getAppDatabase>>,
  tenantId: string,
  id: string,
) {
  const row = await database.kysely
    .selectFrom("webhooks")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new ApiError("not_found", "There is no such webhook (it may have been removed).");
  return row;
}

/** `DELETE /api/settings/webhooks/{id}`: notifications it was owed go with it. */
export async function removeWebhook(caller: Caller, id: string): Promise<void> {
  const { database, tenantId, actor } = await watchContext(caller);
  const row = await webhookOrThrow(database, tenantId, id);
  await database.kysely.deleteFrom("webhooks").where("id", "=", id).execute();
  await recordHistory(database, [
    {
      tenantId,
      action: "settings.webhook_removed",
      actor,
      summary: `Removed the webhook ${row.name}`,
      detail: { webhookId: id, name: row.name, kind: row.kind, target: row.target_hint },
    },
  ]);
}

/** `POST /api/settings/webhooks/{id}/test`: sends a test message now and says what the receiver answered. */
export async function sendTestMessage(caller: Caller, id: string): Promise<TestWebhookResponse> {
  const { database, tenantId, actor } = await watchContext(caller);
  const row = await webhookOrThrow(database, tenantId, id);
  const now = Date.now();
  const answer = await postDigest(row, testDigest(getServerEnv().publicUrl, now));
  await recordHistory(database, [
    {
      tenantId,
      action: "notification.test",
      actor,
      outcome: answer.ok ? "delivered" : "failed",
      summary: `Test message to ${row.name}: ${answer.ok ? "delivered" : `failed (${answer.status ?? answer.error})`}`,
      detail: { webhookId: id, status: answer.status, error: answer.error ?? null },
    },
  ]);
  return { ok: answer.ok, status: answer.status };
}
