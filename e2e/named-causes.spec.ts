import { expectNoSeriousA11yViolations } from "./accessibility";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { rowOf, waitForTheWholeList } from "./license-grid";

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test("[CAUSES] a user with conflicting licenses sees both plans, their products and where each comes from", async ({
  page,
  emulator,
}) => {
  const state = await emulator.state();
  // A legacy Exchange Plan 1 kept directly, and E3's Plan 2 from All staff.
  const user = state.usersInError.find((u) =>
    u.failing.some(
      (f) =>
        f.cause?.code === "MutuallyExclusiveViolation" &&
        f.cause.holder.groupId === null &&
        f.assignedByGroup !== null,
    ),
  )!;
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);

  await test.step("the grid's cause column names the conflict", async () => {
    await expect(await rowOf(page, user.displayName)).toContainText(
      "Exchange Online (Plan 2) in Office 365 E3 (All staff – Office 365 E3) conflicts with Exchange Online (Plan 1)",
    );
  });

  const panel = page.getByRole("dialog", { name: user.displayName });
  await test.step("the panel shows the failing plan and the one it conflicts with, each with its source", async () => {
    await (await rowOf(page, user.displayName)).click();
    const cause = panel.locator('[data-cause="conflict"]');
    await expect(cause).toContainText("Cannot turn on");
    await expect(cause).toContainText("Exchange Online (Plan 2)");
    await expect(cause).toContainText("in Office 365 E3");
    await expect(cause).toContainText("From the group All staff – Office 365 E3");
    await expect(cause).toContainText("Conflicts with");
    await expect(cause).toContainText("in Exchange Online (Plan 1)");
    await expect(cause).toContainText("Assigned directly");
    await expect(cause).toContainText(
      "Microsoft has allowed these plans on one user since January 2023",
    );
    await expect(cause).toContainText(
      "Remove the direct Exchange Online (Plan 1) license from the user.",
    );
    await expect(cause).toContainText("Turn off Exchange Online (Plan 2) in Office 365 E3");
  });

  await test.step("the emulator created exactly that cause", async () => {
    const failing = user.failing.find((f) => f.cause?.code === "MutuallyExclusiveViolation")!;
    expect(failing).toMatchObject({
      skuPartNumber: "ENTERPRISEPACK",
      groupName: "All staff – Office 365 E3",
    });
  });

  await test.step("the named cause has no serious accessibility problems", async () => {
    await panel.screenshot({ path: "docs/screenshots/named-cause.png" });
    await expectNoSeriousA11yViolations(page, "the named cause");
  });
});

test("[CAUSES] a user with a duplicate address sees the other recipient that carries it", async ({
  page,
  emulator,
}) => {
  const state = await emulator.state();
  const user = state.usersInError.find((u) =>
    u.failing.some((f) => f.cause?.code === "UniquenessViolation"),
  )!;
  const created = user.failing.find((f) => f.cause?.code === "UniquenessViolation")!.cause!;
  if (created.code !== "UniquenessViolation") throw new Error("not a duplicate address");
  const holder = created.holders[0]!;
  const former = await emulator.user(holder.id);

  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);
  await (await rowOf(page, user.displayName)).click();

  const panel = page.getByRole("dialog", { name: user.displayName });
  const carriers = panel.getByRole("list", { name: "Also carried by" });
  await expect(carriers.getByRole("listitem")).toHaveCount(1);
  const item = carriers.getByRole("listitem");
  await expect(item).toContainText("User");
  await expect(item).toContainText(former.displayName);
  await expect(item).toContainText("Disabled");
  await expect(
    item.getByRole("link", { name: /Open in the Microsoft Entra admin center/ }),
  ).toHaveAttribute("href", new RegExp(holder.id));
  await expect(panel.locator('[data-cause="duplicateAddress"]')).toContainText(
    created.addresses[0]!.replace(/^smtp:/i, "").toLowerCase(),
  );
});
