import { readFile } from "node:fs/promises";
import { expectNoSeriousA11yViolations } from "./accessibility";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { gridOf, waitForTheWholeList } from "./license-grid";

// The demo's Power BI Pro: 45 members of "Power BI users", 40 seats, three leavers still holding one.
const LEAVERS = [
  "lucas.scott@contoso.onmicrosoft.com",
  "liam.wilson@contoso.onmicrosoft.com",
  "maximilian.weber@contoso.onmicrosoft.com",
];
const INACTIVE = [
  "noah.thompson@contoso.onmicrosoft.com",
  "amelia.bennett@contoso.onmicrosoft.com",
  "hugo.dubois@contoso.onmicrosoft.com",
];

test.beforeEach(async ({ emulator, page }) => {
  await emulator.updateConfig({ reprocessDelayMs: 300 });
  await page.setViewportSize({ width: 1440, height: 1000 });
});

test("[SEATS] a product short of seats shows the seats missing and who could give one back (disabled or inactive); adding seats then clears the waiting users in one bulk reprocess", async ({
  page,
  emulator,
}) => {
  const before = await emulator.state();
  const waiting = before.usersInError.filter((u) =>
    u.failing.some((f) => f.cause?.code === "CountViolation" && f.skuPartNumber === "POWER_BI_PRO"),
  );
  expect(waiting).toHaveLength(5);
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);
  await page.getByRole("tab", { name: /^Seats/ }).click();

  await test.step("Power BI Pro: 5 users wait, 5 seats missing", async () => {
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: /Power BI Pro/ }) });
    await expect(row.getByRole("cell").nth(4)).toHaveText("5");
    await expect(row.getByRole("cell").nth(5)).toHaveText("5");
    // Disabled, or no sign-in for 90 days: the leavers and the inactive three.
    await expect(row.getByRole("cell").nth(6)).toHaveText("6");
  });

  // The section is named by its heading, which counts what it found.
  const reclaim = page.getByRole("region", {
    name: "3 disabled accounts and 3 inactive accounts hold Power BI Pro",
  });
  const table = reclaim.getByRole("table", { name: /Accounts holding Power BI Pro/ });
  await test.step("the disabled accounts and those with no sign-in for 90 days are listed", async () => {
    await expect(reclaim).toBeVisible();
    for (const upn of LEAVERS) {
      await expect(table.getByRole("row").filter({ hasText: upn })).toContainText("Disabled");
    }
    for (const upn of INACTIVE) {
      await expect(table.getByRole("row").filter({ hasText: upn })).toContainText(
        /No sign-in for 1\d\d|No sign-in for 200/,
      );
    }
    await page.screenshot({ path: "docs/screenshots/seats.png", fullPage: true });
    await expectNoSeriousA11yViolations(page, "the seats view");
  });

  await test.step("the list downloads as CSV with the same accounts", async () => {
    const download = page.waitForEvent("download");
    await reclaim.getByRole("button", { name: "Download CSV" }).click();
    const text = await readFile(await (await download).path(), "utf8");
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^reason,display_name,user_principal_name/);
    expect(lines).toHaveLength(1 + LEAVERS.length + INACTIVE.length);
    for (const upn of [...LEAVERS, ...INACTIVE]) expect(text).toContain(upn);
  });

  await test.step("the tenant buys five seats; what would fix the most selects exactly the five waiting users", async () => {
    await emulator.addSeats("POWER_BI_PRO", 5);
    await page.reload();
    await waitForTheWholeList(page);
    const fix = page.locator('[data-fix^="seats:"]').filter({ hasText: "Power BI Pro" });
    await expect(fix).toContainText("5 users");
    await expect(fix).toContainText("5 Power BI Pro licenses are free now: reprocess.");
    await fix.getByRole("button", { name: "Select these 5 users" }).click();
    await expect(page.getByRole("tab", { name: "Users in error" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    const bar = page.getByRole("region", { name: "Selection" });
    await expect(bar).toContainText("5 selected");
    await expect(page.getByText(/^5 of \d+ users shown/)).toBeVisible();
    const names = await gridOf(page).locator("tbody tr[aria-rowindex]").allInnerTexts();
    for (const user of waiting) expect(names.join("\n")).toContain(user.displayName);
  });

  await test.step("a bulk reprocess of the selection resolves all five, and the emulator agrees", async () => {
    const bar = page.getByRole("region", { name: "Selection" });
    await bar.getByRole("button", { name: "Reprocess 5 users" }).click();
    const dialog = page.getByRole("dialog", { name: /Reprocess/ });
    await dialog.getByRole("button", { name: "Reprocess 5 users" }).click();
    await expect(dialog).toHaveAccessibleName("Reprocessing 5 users");
    await expect(dialog).toContainText("Resolved: 5", { timeout: 30_000 });
    const after = await emulator.state();
    const stillWaiting = after.usersInError.filter((u) =>
      u.failing.some((f) => f.skuPartNumber === "POWER_BI_PRO"),
    );
    expect(stillWaiting).toEqual([]);
  });
});
