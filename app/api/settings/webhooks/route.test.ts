import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookViewSchema } from "@/lib/api/watch";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import { readHistory } from "@/lib/server/history/read-history";
import {
  apiRequest,
  ISAIAH,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { commitWatchRun } from "@/lib/server/watch/commit-watch-run";
import { deliverDue } from "@/lib/server/watch/deliver";
import { takeLease } from "@/lib/server/watch/leader";
import type { Digest, SeenError } from "@/lib/server/watch/payloads";
import { startWebhookReceiver } from "@/lib/server/watch/testing/webhook-receiver";
import { loggedLines } from "@/lib/testing/console-capture";
import { DELETE as remove } from "./[id]/route";
import { POST as sendTest } from "./[id]/test/route";
import { POST as add } from "./route";

let t: TestEmulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());
beforeEach(async () => {
  await emptyTables(await getAppDatabase());
  receiver = await startWebhookReceiver();
  return () => receiver.close();
});

const addHook = async (body: unknown, user?: string) =>
  add(
    apiRequest("/api/settings/webhooks", await t.mint(user ? { user } : {}), {
      method: "POST",
      body: JSON.stringify(body),
    }),
    segments({}),
  );

const seen = (n: number): SeenError => ({
  userId: `user-${n}`,
  upn: `user${n}@contoso.com`,
  displayName: `User ${n}`,
  skuId: "f8a1db68-be16-40ed-86d5-cb42ce701560",
  productName: "Power BI Pro",
  source: "g",
  groupName: "Power BI users",
  code: "CountViolation",
  since: null,
});

describe("webhooks", () => {
  it("are stored sealed: the answer and the database show the host only, never the URL", async () => {
    const res = await addHook({ name: "Helpdesk", kind: "json", url: receiver.url });
    expect(res.status).toBe(201);
    const hook = webhookViewSchema.parse(await res.json());
    expect(hook).toMatchObject({
      name: "Helpdesk",
      kind: "json",
      targetHint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/…$/),
    });
    expect(JSON.stringify(hook)).not.toContain("/hook");
    const rows = await (await getAppDatabase()).kysely.selectFrom("webhooks").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(receiver.url);
    const [record] = await readHistory(await getAppDatabase(), { tenantId: t.tenantId });
    expect(record).toMatchObject({
      action: "settings.webhook_added",
      actor: { name: "Adele Vance" },
    });
    expect(JSON.stringify(record)).not.toContain(receiver.url);
  });

  it("refuse a URL that is not https to a public host, and a reader", async () => {
    for (const url of [
      "http://hooks.example.com/x",
      "https://10.0.0.5/x",
      "https://user:pw@hooks.example.com/x",
      "not a url",
    ]) {
      const res = await addHook({ name: "x", kind: "json", url });
      expect(res.status, url).toBe(400);
    }
    expect((await addHook({ name: "x", kind: "json", url: receiver.url }, ISAIAH)).status).toBe(
      403,
    );
  });

  it("send a test message now, in the webhook's format, and record it", async () => {
    const hook = webhookViewSchema.parse(
      await (await addHook({ name: "Teams", kind: "teams", url: receiver.url })).json(),
    );
    const res = await sendTest(
      apiRequest(`/api/settings/webhooks/${hook.id}/test`, await t.mint(), { method: "POST" }),
      segments({ id: hook.id }),
    );
    expect(await res.json()).toEqual({ ok: true, status: 200 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.body).toMatchObject({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: {
            type: "AdaptiveCard",
            body: [{ text: "Test from Licensedesk" }, expect.anything()],
          },
        },
      ],
    });
    const [record] = await readHistory(await getAppDatabase(), { tenantId: t.tenantId });
    expect(record).toMatchObject({ action: "notification.test", outcome: "delivered" });
  });

  it("deliver one digest per change, retried after a failure and recorded once; removing one drops what it was owed", async () => {
    const database = await getAppDatabase();
    const hook = webhookViewSchema.parse(
      await (await addHook({ name: "JSON", kind: "json", url: receiver.url })).json(),
    );
    const lease = (await takeLease(database, {
      name: "watch",
      holder: "me",
      leaseMs: 60_000,
      now: Date.now(),
    }))!;
    const commit = (observed: SeenError[]) =>
      commitWatchRun(database, lease, {
        tenantId: t.tenantId,
        startedAt: Date.now(),
        now: Date.now(),
        observed,
        publicUrl: null,
      });
    await commit([]);
    await commit([seen(1), seen(2)]);
    receiver.received.length = 0;
    // The receiver fails once, then accepts.
    const statuses = [503];
    const flaky = await startWebhookReceiver(statuses);
    await database.kysely.deleteFrom("webhooks").execute();
    const hook2 = webhookViewSchema.parse(
      await (await addHook({ name: "Flaky", kind: "json", url: flaky.url })).json(),
    );
    await commit([seen(1), seen(2), seen(3)]);
    expect(await deliverDue(database)).toBe(1);
    expect(flaky.received).toHaveLength(1);
    const later = Date.now() + 31 * 60_000;
    expect(await deliverDue(database, later)).toBe(1);
    expect(flaky.received).toHaveLength(2);
    expect(await deliverDue(database, later)).toBe(0);
    const body = flaky.received[1]!.body as Digest;
    expect(body).toMatchObject({
      type: "licensedesk.watch.digest",
      appeared: { total: 1 },
      gridUrl: null,
    });
    expect(flaky.received[1]!.headers["idempotency-key"]).toBe(body.changeKey);
    const records = await readHistory(database, {
      tenantId: t.tenantId,
      actions: ["notification.delivered", "notification.failed"],
    });
    expect(records.map((r) => r.action)).toEqual(["notification.delivered"]);
    await flaky.close();
    const gone = await remove(
      apiRequest(`/api/settings/webhooks/${hook2.id}`, await t.mint(), { method: "DELETE" }),
      segments({ id: hook2.id }),
    );
    expect(await gone.json()).toEqual({ removed: hook2.id });
    expect(await database.kysely.selectFrom("notification_outbox").selectAll().execute()).toEqual(
      [],
    );
    expect(hook.id).not.toBe(hook2.id);
    expect(loggedLines(/\[watch\]/)).toEqual([]);
  });
});
