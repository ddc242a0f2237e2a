import { expectNoSeriousA11yViolations } from "./accessibility";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { rowOf, waitForTheWholeList } from "./license-grid";

const GABRIEL = "gabriel.petit@contoso.onmicrosoft.com";
const AVA = "ava.young@contoso.onmicrosoft.com";

test.beforeEach(async ({ emulator, page }) => {
  // Graph applies a reprocess after this delay; short, so outcomes come quickly.
  await emulator.updateConfig({ reprocessDelayMs: 300 });
  await page.setViewportSize({ width: 1440, height: 900 });
});

test("[REPROCESS] once seats are bought, a user short of a seat gets Power BI Pro, shown as a diff", async ({
  page,
  emulator,
}) => {
  const before = await emulator.user(GABRIEL);
  const powerBi = before.licenseAssignmentStates.find((s) => s.error === "CountViolation");
  expect(powerBi?.state).toBe("Error");
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);

  await test.step("the tenant buys ten more Power BI Pro seats", async () => {
    await emulator.addSeats("POWER_BI_PRO", 10);
  });

  const panel = page.getByRole("dialog", { name: "Gabriel Petit" });
  await test.step("Adele reprocesses Gabriel Petit from his row", async () => {
    const row = await rowOf(page, "Gabriel Petit");
    await row.getByRole("button", { name: "Reprocess" }).click();
    await expect(panel.getByText("Outcome: Resolved")).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByRole("status").filter({ hasText: "Outcome" })).toContainText(
      "Power BI Pro",
    );
  });

  await test.step("the diff shows Power BI Pro and its plans added, and Error → Active", async () => {
    const after = await emulator.user(GABRIEL);
    const state = after.licenseAssignmentStates.find((s) => s.skuId === powerBi?.skuId);
    expect(state).toMatchObject({ state: "Active", error: "None" });
    const known = new Set(before.assignedPlans.map((p) => p.servicePlanId));
    const newPlans = after.assignedPlans.filter((p) => !known.has(p.servicePlanId));
    expect(newPlans.length).toBeGreaterThan(0);

    const states = panel.getByRole("region", { name: "Assignment states" });
    await expect(states).toContainText("Power BI Pro");
    await expect(states).toContainText("Error (CountViolation) → Active");
    const licensesAfter = panel.getByRole("list", { name: "Licenses after" });
    await expect(licensesAfter.locator('[data-change="added"]')).toHaveText(/Power BI Pro/);
    const plans = panel.getByRole("region", { name: /Service plans/ });
    await expect(plans.locator('[data-change="added"]')).toHaveCount(newPlans.length);
    await expect(plans).toContainText("Power BI Pro");
  });

  await test.step("the diff view has no serious accessibility problems, light or dark", async () => {
    await expectNoSeriousA11yViolations(page, "the diff view");
    await page.screenshot({ path: "docs/screenshots/diff.png" });
  });

  await test.step("his row now says Resolved, and the emulator agrees", async () => {
    await panel.getByRole("button", { name: "Close" }).click();
    await expect(await rowOf(page, "Gabriel Petit")).toContainText("Resolved");
    const tenant = await emulator.state();
    expect(tenant.usersInError.map((u) => u.userPrincipalName)).not.toContain(GABRIEL);
  });
});

test("[REPROCESS] a user whose cause is not fixed comes back still in error, with the reason", async ({
  page,
  emulator,
}) => {
  const before = await emulator.state();
  const project = before.skus.find((s) => s.skuPartNumber === "PROJECTPROFESSIONAL");
  expect(project?.consumedUnits).toBe(project?.prepaidUnits.enabled);
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);

  await test.step("Adele reprocesses Ava Young although no Project seat was bought", async () => {
    await (await rowOf(page, "Ava Young")).click();
    await page
      .getByRole("dialog", { name: "Ava Young" })
      .getByRole("button", { name: "Reprocess" })
      .click();
  });

  await test.step("the answer is: still in error, not enough licenses, buy or free seats", async () => {
    const outcome = page
      .getByRole("dialog", { name: "Ava Young" })
      .getByRole("status")
      .filter({ hasText: "Outcome" });
    await expect(outcome).toContainText("Outcome: Still in error", { timeout: 30_000 });
    await expect(outcome).toContainText("Project Plan 3 (from Project): Not enough licenses.");
    await expect(outcome).toContainText("Buy more Project Plan 3 licenses");
  });

  await test.step("the emulator still has her in error for the same reason", async () => {
    const after = await emulator.state();
    const ava = after.usersInError.find((u) => u.userPrincipalName === AVA);
    expect(ava?.failing.map((f) => [f.skuPartNumber, f.error])).toEqual([
      ["PROJECTPROFESSIONAL", "CountViolation"],
    ]);
    await page
      .getByRole("dialog", { name: "Ava Young" })
      .getByRole("button", { name: "Close" })
      .click();
    await expect(await rowOf(page, "Ava Young")).toContainText("Error");
  });
});
