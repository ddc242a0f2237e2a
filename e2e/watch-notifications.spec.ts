import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expectNoSeriousA11yViolations } from "./accessibility";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { APP_URL } from "./urls";
import { checkNow, turnTheWatchOnAfresh, watchStatus } from "./watch";

const NEWCOMERS = [
  "megan.bowen@contoso.onmicrosoft.com",
  "isaiah.langer@contoso.onmicrosoft.com",
  "alex.wilber@contoso.onmicrosoft.com",
];

/** A channel's webhook, as a local server: it keeps every body it is sent. */
async function receiver() {
  const received: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-part`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("[WATCH] three users who cannot get Power BI Pro produce exactly one notification per webhook, with the counts and links", async ({
  page,
  emulator,
}) => {
  const json = await receiver();
  const teams = await receiver();
  try {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signInOnTheEmulator(page, ACCOUNTS.adele);
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Watch and notifications" })).toBeVisible();

    await test.step("Adele adds a JSON and a Teams webhook; only their hosts are shown", async () => {
      for (const [name, format, hook] of [
        ["Helpdesk JSON", "JSON", json],
        ["Helpdesk channel", "Microsoft Teams (Workflows webhook)", teams],
      ] as const) {
        const form = page.getByRole("form", { name: "Add a webhook" });
        await form.getByLabel("Name").fill(name);
        await form.getByLabel("Format").selectOption({ label: format });
        await form.getByLabel("Webhook URL").fill(hook.url);
        await form.getByRole("button", { name: "Add webhook" }).click();
        await expect(page.locator(`[data-webhook="${name}"]`)).toContainText("http://127.0.0.1:");
      }
      await expect(page.locator("body")).not.toContainText("secret-part");
    });

    await test.step("a test message reaches the JSON receiver", async () => {
      const row = page.locator('[data-webhook="Helpdesk JSON"]');
      await row.getByRole("button", { name: "Send a test message" }).click();
      await expect(row.getByRole("status")).toHaveText("Test sent");
      expect(json.received.map((r) => r.body.test)).toEqual([true]);
    });

    const status = watchStatus(page);
    await test.step("she turns the watch on: the first check learns what fails today and tells nobody", async () => {
      await turnTheWatchOnAfresh(page);
    });

    await test.step("three users join Power BI users with no seat free; Check now finds exactly them", async () => {
      await emulator.changeMembers("Power BI users", { add: NEWCOMERS });
      await checkNow(page);
      await expect(status).toContainText("3 new, 0 cleared", { timeout: 30_000 });
      await expect
        .poll(() => json.received.length + teams.received.length, { timeout: 20_000 })
        .toBe(3);
      await page.screenshot({ path: "docs/screenshots/settings.png" });
      await expectNoSeriousA11yViolations(page, "the settings page");
    });

    const digest = json.received[1]!.body as {
      appeared: {
        total: number;
        byCode: { name: string; count: number }[];
        byProduct: { name: string; count: number }[];
        byGroup: { name: string; count: number }[];
      };
      gridUrl: string;
      historyUrl: string;
      changeKey: string;
    };
    await test.step("the JSON digest counts 3 per code, product and group, and links into Licensedesk", async () => {
      expect(digest.appeared).toMatchObject({
        total: 3,
        byCode: [{ name: "CountViolation", count: 3 }],
        byProduct: [{ name: "Power BI Pro", count: 3 }],
        byGroup: [{ name: "Power BI users", count: 3 }],
      });
      expect(digest.gridUrl.startsWith(APP_URL)).toBe(true);
      expect(json.received[1]!.headers["idempotency-key"]).toBe(digest.changeKey);
      const card = teams.received[0]!.body as {
        type: string;
        attachments: { content: { body: { text?: string }[] } }[];
      };
      expect(card.type).toBe("message");
      expect(card.attachments[0]!.content.body[0]!.text).toBe("3 new license errors");
    });

    await test.step("the digest's history link lists exactly the three new errors", async () => {
      await page.goto(digest.historyUrl.replace(APP_URL, ""));
      const table = page.getByRole("table", { name: "History of writes, newest first" });
      await expect(table.locator("tr[data-seq]")).toHaveCount(3);
      for (const upn of NEWCOMERS) await expect(table).toContainText(upn);
    });

    await test.step("another check finds nothing new and sends nothing more", async () => {
      await page.goto("/settings");
      const before = (await emulator.state()).counts.usersInError;
      await checkNow(page);
      await expect(status).toContainText("0 new, 0 cleared", { timeout: 30_000 });
      expect((await emulator.state()).counts.usersInError).toBe(before);
      await page.waitForTimeout(3_000);
      expect(json.received).toHaveLength(2);
      expect(teams.received).toHaveLength(1);
    });
  } finally {
    await json.close();
    await teams.close();
  }
});
