import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import type { WebhooksTable } from "../db/schema";
import { getGraphSettings } from "../graph/settings";
import { credentialKey, decryptCredential, encryptCredential } from "../jobs/credentials/cipher";

const aad = (id: string) => `webhook:${id}`;

const key = async () =>
  credentialKey((await getGraphSettings()).client.clientSecret, "webhook-urls v1");

/** All that is ever shown of a webhook's URL: its scheme and host (the rest is the secret). */
export const targetHint = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}/…`;
};

export interface NewWebhook {
  tenantId: string;
  name: string;
  kind: WebhooksTable["kind"];
  url: string;
  createdBy: { oid: string; name: string };
  now: number;
}

/** Stores a webhook with its URL sealed; answers the stored row (no URL in it). */
export async function saveWebhook(database: Database, hook: NewWebhook): Promise<WebhooksTable> {
  const id = randomUUID();
  const row: WebhooksTable = {
    id,
    tenant_id: hook.tenantId,
    name: hook.name,
    kind: hook.kind,
    ciphertext: encryptCredential(await key(), aad(id), hook.url),
    target_hint: targetHint(hook.url),
    created_by_oid: hook.createdBy.oid,
    created_by_name: hook.createdBy.name,
    created_at: hook.now,
  };
  await database.kysely.insertInto("webhooks").values(row).execute();
  return row;
}

/** The URL to post to, or undefined when it can no longer be read (the client secret changed). */
export async function unsealWebhookUrl(
  row: Pick<WebhooksTable, "id" | "ciphertext">,
): Promise<string | undefined> {
  return decryptCredential(await key(), aad(row.id), row.ciphertext);
}
