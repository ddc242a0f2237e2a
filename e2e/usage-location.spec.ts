import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { rowOf, waitForTheWholeList } from "./license-grid";

const NOAH = "noah.wright@contoso.onmicrosoft.com";

test.beforeEach(async ({ emulator }) => {
  // Graph applies a reprocess after this delay; short, so outcomes come quickly.
  await emulator.updateConfig({ reprocessDelayMs: 300 });
});

test("[USAGE_LOCATION] a user with no usage location gets one and Office 365 E3, in one step", async ({
  page,
  emulator,
}) => {
  const before = await emulator.user(NOAH);
  expect(before.usageLocation).toBeNull();
  expect(before.licenseAssignmentStates.map((s) => s.error)).toContain(
    "ProhibitedInUsageLocationViolation",
  );
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);

  const panel = page.getByRole("dialog", { name: "Noah Wright" });
  await test.step("Adele opens Noah Wright: his country is not set", async () => {
    await (await rowOf(page, "Noah Wright")).click();
    await expect(panel.getByText("Not available in the user's country").first()).toBeVisible();
    await expect(panel.getByRole("form", { name: "Fix the usage location" })).toBeVisible();
  });

  await test.step("a country that is not in the list is refused before anything is sent", async () => {
    const since = await emulator.lastSeq();
    await panel.getByRole("combobox", { name: "Usage location" }).fill("Atlantis");
    await panel.getByRole("button", { name: "Set usage location and reprocess" }).click();
    await expect(panel.getByText("Choose a country from the list.")).toBeVisible();
    expect(await emulator.requests({ path: "/v1.0/users", since })).toEqual([]);
  });

  await test.step("she picks United States from the searchable list and it is applied", async () => {
    const box = panel.getByRole("combobox", { name: "Usage location" });
    await box.fill("united st");
    await panel.getByRole("option", { name: /^United States/ }).click();
    await expect(box).toHaveValue("United States");
    await panel.getByRole("button", { name: "Set usage location and reprocess" }).click();
    const outcome = panel.getByRole("status").filter({ hasText: "Outcome" });
    await expect(outcome).toContainText("Outcome: Resolved", { timeout: 30_000 });
    const location = panel.getByRole("region", { name: "Usage location" });
    await expect(location).toContainText("Not set → United States (US)");
    const states = panel.getByRole("region", { name: "Assignment states" });
    await expect(states).toContainText("Error (ProhibitedInUsageLocationViolation) → Active");
  });

  await test.step("the emulator has the new usage location and no error for him", async () => {
    const after = await emulator.user(NOAH);
    expect(after.usageLocation).toBe("US");
    expect(after.licenseAssignmentStates.every((s) => s.error === "None")).toBe(true);
    await panel.getByRole("button", { name: "Close" }).click();
    await expect(await rowOf(page, "Noah Wright")).toContainText("Resolved");
  });
});
