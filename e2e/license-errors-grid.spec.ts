import { expectNoSeriousA11yViolations } from "./accessibility";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { gridOf, namesInTheGrid, PRODUCT_NAMES, rowOf, waitForTheWholeList } from "./license-grid";

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test("[GRID] Adele sees exactly the users the emulator has in error, with product names and plain causes", async ({
  page,
  emulator,
}) => {
  const tenant = await emulator.state();

  await test.step("she signs in and the list streams in", async () => {
    await signInOnTheEmulator(page, ACCOUNTS.adele);
    await waitForTheWholeList(page);
  });

  await test.step("the grid lists the same users as the emulator, no more, no fewer", async () => {
    const total = tenant.usersInError.length;
    expect(total).toBeGreaterThan(0);
    await expect(page.getByText(`${total} users`, { exact: true })).toBeVisible();
    await expect(gridOf(page)).toHaveAttribute("aria-rowcount", String(total + 1));
    const names = await namesInTheGrid(page);
    expect(names.toSorted()).toEqual(tenant.usersInError.map((u) => u.displayName).toSorted());
  });

  await test.step("a summary chip per cause counts the users the emulator counts", async () => {
    const chips = page.getByRole("list", { name: "Users in error by cause" });
    await expect(chips.getByRole("button", { name: /Not enough licenses/ })).toHaveText(
      `Not enough licenses${tenant.usersInErrorByCode.CountViolation}`,
    );
    await expect(chips.getByRole("button", { name: /Licensing service error/ })).toHaveText(
      `Licensing service error${tenant.usersInErrorByCode.Other}`,
    );
  });

  await test.step("rows show the product's friendly name and a plain title, not Graph codes", async () => {
    const gabriel = tenant.usersInError.find((u) => u.displayName === "Gabriel Petit");
    expect(gabriel?.failing[0]?.skuPartNumber).toBe("POWER_BI_PRO");
    const row = await rowOf(page, "Gabriel Petit");
    await expect(row).toContainText("Power BI Pro");
    await expect(row).toContainText("Not enough licenses");
    await expect(row).not.toContainText("POWER_BI_PRO");
    await expect(row).not.toContainText("CountViolation");
  });

  await test.step("the user's panel says why and what fixes it, with the seats", async () => {
    await (await rowOf(page, "Gabriel Petit")).click();
    const panel = page.getByRole("dialog", { name: "Gabriel Petit" });
    await expect(panel.getByText("All 40 Power BI Pro licenses are taken")).toBeVisible();
    await expect(panel.getByText(/Buy more Power BI Pro licenses/)).toBeVisible();
    await expect(panel.getByText("Bought").locator("..")).toContainText("40");
    await expect(panel.getByText("Available").locator("..")).toContainText("0");
    await panel.getByRole("button", { name: "Close" }).click();
    await expect(panel).toBeHidden();
  });

  await test.step("every product in the grid is known by its friendly name", async () => {
    await page.getByRole("searchbox", { name: "Search users" }).fill("");
    await page.getByRole("button", { name: "Product filter" }).click();
    const options = page.getByRole("list", { name: "Product" });
    const parts = new Set(
      tenant.usersInError.flatMap((u) => u.failing.map((f) => f.skuPartNumber)),
    );
    for (const part of parts) await expect(options).toContainText(PRODUCT_NAMES[part ?? ""] ?? "?");
    await page.keyboard.press("Escape");
  });

  await test.step("the grid has no serious accessibility problems, light or dark", async () => {
    await expectNoSeriousA11yViolations(page, "the grid");
    // No focus ring left on the filter button in the picture.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: "docs/screenshots/grid.png" });
  });
});

test("[GRID] a filtered view lives in the URL and the grid works from the keyboard", async ({
  page,
  emulator,
}) => {
  const tenant = await emulator.state();
  const seatless = tenant.usersInError.filter((u) =>
    u.failing.some((f) => f.error === "CountViolation"),
  );
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);

  await test.step("pressing a cause chip filters the grid and writes the URL", async () => {
    await page.getByRole("button", { name: /Not enough licenses/ }).click();
    await expect(page).toHaveURL(/code=CountViolation/);
    await expect(
      page.getByText(`${seatless.length} of ${tenant.usersInError.length} users shown`),
    ).toBeVisible();
  });

  const surname = seatless[0]?.displayName.split(" ").at(-1) ?? "";
  await test.step("the same address, opened again, shows the same filtered view", async () => {
    await page.getByRole("searchbox", { name: "Search users" }).fill(surname);
    await expect(page).toHaveURL(new RegExp(`q=${surname}`));
    const shared = page.url();
    await page.goto("about:blank");
    await page.goto(shared);
    await waitForTheWholeList(page);
    await expect(page.getByRole("searchbox", { name: "Search users" })).toHaveValue(surname);
    await expect(page.getByRole("button", { name: /Not enough licenses/ })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    const expected = seatless.filter((u) =>
      `${u.displayName} ${u.userPrincipalName}`.toLowerCase().includes(surname.toLowerCase()),
    );
    await expect(gridOf(page).locator("tbody tr[aria-rowindex]")).toHaveCount(expected.length);
  });

  await test.step("Refresh reads Graph again past the server's cache, keeping the view", async () => {
    const refreshed = page.waitForRequest((r) => r.url().endsWith("/api/license-errors?refresh=1"));
    await page.getByRole("button", { name: "Refresh" }).click();
    await refreshed;
    await waitForTheWholeList(page);
    await expect(page.getByRole("searchbox", { name: "Search users" })).toHaveValue(surname);
  });

  await test.step("sorting by user is in the URL too", async () => {
    await gridOf(page).getByRole("button", { name: "User" }).click();
    await expect(page).toHaveURL(/sort=user/);
    await expect(gridOf(page).getByRole("columnheader", { name: "User" })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
  });

  await test.step("Tab reaches the rows, arrows move, Space selects and Enter opens", async () => {
    await page.getByRole("button", { name: "Reset filters" }).click();
    const rows = gridOf(page).locator("tbody tr[aria-rowindex]");
    await gridOf(page).getByRole("button", { name: "Location" }).focus();
    await page.keyboard.press("Tab");
    await expect(rows.first()).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press("Space");
    await expect(rows.nth(1).getByRole("checkbox")).toBeChecked();
    await expect(page.getByText(/· 1 selected/)).toBeVisible();
    const name = (await rows.nth(1).getByRole("checkbox").getAttribute("aria-label"))?.slice(7);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name })).toBeVisible();
    await expect(page).toHaveURL(/user=/);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(page).not.toHaveURL(/user=/);
  });

  await test.step("Tab walks the active row's controls, then leaves the grid", async () => {
    const rows = gridOf(page).locator("tbody tr[aria-rowindex]");
    await rows.nth(1).focus();
    await page.keyboard.press("Tab");
    await expect(rows.nth(1).getByRole("checkbox")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(rows.nth(1).getByRole("button", { name: /^Reprocess / })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(gridOf(page).locator(":focus")).toHaveCount(0);
    // The other rows' controls stay out of the Tab order.
    await expect(rows.nth(2).getByRole("checkbox")).toHaveAttribute("tabindex", "-1");
    await expect(rows.nth(2).getByRole("button", { name: /^Reprocess / })).toHaveAttribute(
      "tabindex",
      "-1",
    );
  });
});
