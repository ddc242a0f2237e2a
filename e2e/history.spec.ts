import { readFile } from "node:fs/promises";
import { expectNoSeriousA11yViolations } from "./accessibility";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { rowOf, waitForTheWholeList } from "./license-grid";

const GABRIEL = "gabriel.petit@contoso.onmicrosoft.com";

test.beforeEach(async ({ emulator, page }) => {
  await emulator.updateConfig({ reprocessDelayMs: 300 });
  await page.setViewportSize({ width: 1440, height: 1000 });
});

test("[HISTORY] a reprocess is on record: in the user's timeline and on the history page with its diff, and a filtered CSV matches the page", async ({
  page,
  emulator,
}) => {
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);
  await emulator.addSeats("POWER_BI_PRO", 10);

  const panel = page.getByRole("dialog", { name: "Gabriel Petit" });
  await test.step("Adele reprocesses Gabriel Petit, who gets Power BI Pro", async () => {
    await (await rowOf(page, "Gabriel Petit")).getByRole("button", { name: "Reprocess" }).click();
    await expect(panel.getByText("Outcome: Resolved")).toBeVisible({ timeout: 30_000 });
    const after = await emulator.user(GABRIEL);
    expect(after.licenseAssignmentStates.every((s) => s.error === "None")).toBe(true);
  });

  await test.step("his timeline shows it, by Adele, resolved, and opens to the diff", async () => {
    const timeline = panel.getByRole("list", { name: "This user's history" });
    const entry = timeline.getByRole("listitem").first();
    await expect(entry).toContainText("Reprocessed a user");
    await expect(entry).toContainText("by Adele Vance");
    await expect(entry).toContainText("Resolved");
    await entry.getByRole("button").click();
    await expect(entry.getByRole("region", { name: "Assignment states" })).toContainText(
      "Error (CountViolation) → Active",
    );
  });

  await test.step("the history page, filtered to him, shows the record with its diff", async () => {
    await panel.getByRole("link", { name: "All of this user's history" }).click();
    await expect(page).toHaveURL(/\/history\?user=/);
    const table = page.getByRole("table", { name: "History of writes, newest first" });
    const row = table.getByRole("row").filter({ hasText: "Gabriel Petit" }).first();
    await expect(row).toContainText("Adele Vance");
    await expect(row).toContainText("Reprocessed a user");
    await expect(row).toContainText("Resolved");
    await row.getByRole("button", { name: /Show the details of record/ }).click();
    await expect(table.getByRole("region", { name: "Assignment states" })).toContainText(
      "Error (CountViolation) → Active",
    );
    await expect(table.getByText(/^Record \d+ · hash [0-9a-f]{64}$/)).toBeVisible();
    await page.screenshot({ path: "docs/screenshots/history.png" });
    await expectNoSeriousA11yViolations(page, "the history page");
  });

  await test.step("nothing can change the history through the API: every changing method is refused", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await page.request.fetch("/api/history", { method });
      expect(res.status(), method).toBe(405);
    }
  });

  await test.step("the product filter keeps it, and the CSV of the filtered view has the same records", async () => {
    await page.getByLabel("Product").selectOption({ label: "Power BI Pro" });
    await expect(page).toHaveURL(/product=f8a1db68/);
    const table = page.getByRole("table", { name: "History of writes, newest first" });
    await expect(table.locator("tr[data-seq]").first()).toContainText("Gabriel Petit");
    const seqs = await table
      .locator("tr[data-seq]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-seq")));
    expect(seqs.length).toBeGreaterThan(0);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const text = await readFile(await (await download).path(), "utf8");
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^seq,at,action,actor_kind,actor_name/);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(seqs);
    expect(text).toContain(GABRIEL);
  });
});
