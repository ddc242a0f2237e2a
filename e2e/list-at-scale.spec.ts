import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { gridOf, rowOf, waitForTheWholeList } from "./license-grid";

// Reading 10,000 users in error takes a few seconds; generating the tenant a few more.
test.setTimeout(120_000);

const FULL_SCANS = [
  /\/beta\/admin\/cloudLicensing\/assignmentErrors$/,
  /\/v1\.0\/users$/,
  /\/v1\.0\/groups$/,
  /\/membersWithLicenseErrors$/,
];

test("[LIST AT SCALE] 10,000 users in error stream in, counts match the tenant, and a reprocess updates its row without reading the tenant again", async ({
  page,
  emulator,
}) => {
  await emulator.generate({
    users: 30_000,
    groups: 60,
    usersInError: 9_900,
    directErrors: 100,
    seed: 10,
  });
  const tenant = await emulator.state();
  expect(tenant.counts.usersInError).toBe(10_000);
  // Each page of the list takes this long, so reading is seen while it happens.
  await emulator.setLatency(400);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInOnTheEmulator(page, ACCOUNTS.adele);

  await test.step("the first rows appear while the reading line still counts", async () => {
    await expect(gridOf(page).locator("tr[aria-rowindex]").nth(2)).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole("progressbar", { name: "Reading users in error" })).toBeVisible();
    await expect(
      page.getByText(/^Reading through .*: [\d,]+ assignment errors? read/),
    ).toBeVisible();
  });

  await test.step("the whole list ends with the tenant's counts per error code", async () => {
    await waitForTheWholeList(page, 60_000);
    await expect(page.getByText(/^Read 10,000 users in error from 30,000 users in /)).toBeVisible();
    const chips = page.getByRole("list", { name: "Users in error by cause" });
    for (const [code, count] of Object.entries(tenant.usersInErrorByCode)) {
      await expect(chips.locator(`button[title="${code}"] span`), code).toHaveText(String(count));
    }
  });

  await test.step("buying seats and reprocessing one user reads that user only", async () => {
    await emulator.setLatency(0);
    const user = tenant.usersInError.find((u) =>
      u.failing.every((f) => f.error === "CountViolation"),
    );
    if (!user) throw new Error("the generated tenant has nobody short of a seat only");
    const sku = tenant.skus.find((s) => s.skuId === user.failing[0]!.skuId);
    await emulator.addSeats(sku!.skuPartNumber, 10);
    const seq = await emulator.lastSeq();
    // Generated names repeat; the user principal name does not.
    const row = await rowOf(page, user.userPrincipalName);
    await row.getByRole("button", { name: "Reprocess" }).click();
    const panel = page.getByRole("dialog", { name: user.displayName });
    await expect(panel.getByText("Outcome: Resolved")).toBeVisible({ timeout: 30_000 });
    await panel.getByRole("button", { name: "Close" }).click();
    await expect(await rowOf(page, user.userPrincipalName)).toContainText("Resolved");
    const calls = await emulator.graphRequests(seq);
    expect(calls.length).toBeGreaterThan(0);
    const scans = calls.filter((call) => FULL_SCANS.some((scan) => scan.test(call.path)));
    expect(scans, "requests that read the tenant again").toEqual([]);
  });
});
