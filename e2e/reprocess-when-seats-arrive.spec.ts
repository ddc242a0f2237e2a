import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { checkNow, turnTheWatchOnAfresh, watchStatus } from "./watch";

test("[RULES] seats added make the rule reprocess the users waiting for them, and they end resolved", async ({
  page,
  emulator,
}) => {
  const waitingForPowerBi = async () =>
    (await emulator.state()).usersInError.filter((u) =>
      u.failing.some((f) => f.skuPartNumber === "POWER_BI_PRO"),
    );
  expect(await waitingForPowerBi()).toHaveLength(5);
  await emulator.updateConfig({ reprocessDelayMs: 300 });
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await page.getByRole("link", { name: "Settings" }).click();

  await test.step("Adele turns the rule on for Power BI Pro, and the watch", async () => {
    const rule = page.getByRole("checkbox", { name: "Power BI Pro" });
    // The box shows the server's answer: it changes once the rule is saved.
    if (await rule.isChecked()) {
      await rule.click();
      await expect(rule).not.toBeChecked();
    }
    await rule.click();
    await expect(rule).toBeChecked();
    await expect(page.getByRole("list", { name: "Products" })).toContainText(
      "on, owned by Adele Vance",
    );
    await turnTheWatchOnAfresh(page);
  });

  await test.step("the tenant buys five seats; the next check starts a job of the five users waiting", async () => {
    await emulator.addSeats("POWER_BI_PRO", 5);
    await checkNow(page);
    await expect(watchStatus(page)).toContainText("0 new");
  });

  await test.step("on her next visit the job runs as Adele (delegated), and all five end resolved", async () => {
    await page.getByRole("link", { name: "Users in error" }).click();
    await expect.poll(async () => (await waitingForPowerBi()).length, { timeout: 90_000 }).toBe(0);
  });

  await test.step("the history names the rule and its owner for the job", async () => {
    await page.goto("/history?action=job.created");
    const row = page
      .getByRole("table", { name: "History of writes, newest first" })
      .locator("tr[data-seq]")
      .first();
    await expect(row).toContainText("Adele Vance");
    await expect(row).toContainText("Rule");
    await expect(row).toContainText("Power BI Pro seats free, the 5 users waiting longest");
  });
});
