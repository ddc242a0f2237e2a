import { ACCOUNTS, pageApiToken, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { rowOf, waitForTheWholeList } from "./license-grid";

test("[READER] Isaiah, a reader, sees the grid but cannot reprocess, and the API refuses him too", async ({
  page,
  emulator,
}) => {
  const tenant = await emulator.state();
  const gabriel = tenant.usersInError.find((u) => u.displayName === "Gabriel Petit");
  expect(gabriel).toBeDefined();
  await signInOnTheEmulator(page, ACCOUNTS.isaiah);
  await waitForTheWholeList(page);

  await test.step("the header shows his role and the page says he may only look", async () => {
    await expect(page.getByRole("banner")).toContainText("Global Reader");
    await expect(page.getByText("Read-only.")).toBeVisible();
  });

  await test.step("Reprocess is disabled, with the reason", async () => {
    const button = (await rowOf(page, "Gabriel Petit")).getByRole("button", { name: "Reprocess" });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(/read-only access/);
    await button.click({ force: true });
    await expect(page.getByRole("dialog")).toBeHidden();
  });

  await test.step("called directly with his own token, the API answers 403", async () => {
    const authorization = await pageApiToken(page);
    const since = await emulator.lastSeq();
    const res = await page.request.post(`/api/users/${gabriel?.id}/reprocess`, {
      headers: { authorization },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
    expect(await emulator.requests({ path: "reprocessLicenseAssignment", since })).toEqual([]);
  });
});

test("[NO_ROLE] Alex, with no admin role, gets the 403 screen and can sign out", async ({
  page,
}) => {
  await signInOnTheEmulator(page, ACCOUNTS.alex);
  const header = page.getByRole("banner");

  await test.step("he sees who he is and why he has no access", async () => {
    await expect(header.getByText("Alex Wilber")).toBeVisible();
    await expect(header.getByText("No admin role")).toBeVisible();
    await expect(
      page.getByRole("heading", { name: "Your account cannot use Licensedesk" }),
    ).toBeVisible();
    await expect(page.getByText("403 · No access")).toBeVisible();
    await expect(page.getByRole("table")).toBeHidden();
  });

  await test.step("the API refuses him the list with 403", async () => {
    const authorization = await pageApiToken(page);
    const res = await page.request.get("/api/license-errors", { headers: { authorization } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });

  await test.step("signing out returns him to the landing page", async () => {
    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(header.getByText("Alex Wilber")).toBeHidden();
  });
});
