import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { rowOf, waitForTheWholeList } from "./license-grid";

const GABRIEL = "gabriel.petit@contoso.onmicrosoft.com";

test.beforeEach(async ({ emulator, page }) => {
  await emulator.updateConfig({ reprocessDelayMs: 300 });
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheWholeList(page);
});

test("[REPROCESS_REFUSED] when Graph throttles, Adele is told how long to wait", async ({
  page,
  emulator,
  serverLogs,
}) => {
  const { id } = await emulator.user(GABRIEL);
  // Longer than the server waits out on its own, so the throttling reaches the admin.
  await emulator.injectGraphFault({
    path: `/users/${id}/reprocessLicenseAssignment`,
    status: 429,
    retryAfter: 90,
  });
  await (await rowOf(page, "Gabriel Petit")).getByRole("button", { name: "Reprocess" }).click();

  const alert = page.getByRole("dialog", { name: "Gabriel Petit" }).getByRole("alert");
  await expect(alert).toContainText("The reprocess did not run");
  await expect(alert).toContainText("Microsoft Graph is throttling requests");
  await expect(alert).toContainText(/Try again in (8\d|90) s\./);
  const tenant = await emulator.state();
  expect(tenant.usersInError.map((u) => u.userPrincipalName)).toContain(GABRIEL);
  if (serverLogs.app.captured) {
    // The server logs Graph's refusal with its request id, for whoever looks into it later.
    const refused = new RegExp(
      `\\[graph\\] POST \\S*/users/${id}/reprocessLicenseAssignment failed: 429`,
    );
    await expect.poll(() => serverLogs.app.read()).toMatch(refused);
  }
});

test("[REPROCESS_REFUSED] a user who left the directory meanwhile is reported as gone", async ({
  page,
  emulator,
  serverLogs,
}) => {
  const { id } = await emulator.user(GABRIEL);
  await emulator.injectGraphFault({ path: `/users/${id}`, method: "GET", status: 404 });
  const since = await emulator.lastSeq();
  await (await rowOf(page, "Gabriel Petit")).getByRole("button", { name: "Reprocess" }).click();

  const alert = page.getByRole("dialog", { name: "Gabriel Petit" }).getByRole("alert");
  await expect(alert).toContainText("This user is no longer in the directory");
  const reprocessCalls = await emulator.requests({ path: "reprocessLicenseAssignment", since });
  expect(reprocessCalls).toEqual([]);
  if (serverLogs.app.captured) {
    const gone = new RegExp(`\\[graph\\] GET \\S*/users/${id}\\S* failed: 404`);
    await expect.poll(() => serverLogs.app.read()).toMatch(gone);
  }
});
