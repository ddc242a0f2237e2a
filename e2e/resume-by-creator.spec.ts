import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { JobsClient } from "./support/jobs-client";
import { APP_URL } from "./urls";

test("[BULK] another operator sees Resume disabled on Adele's paused job, with the reason, and may still cancel it", async ({
  page,
  emulator,
}) => {
  // Slow Graph: the job is still under way when Adele pauses it.
  await emulator.setLatency(1_000);
  const { token } = await emulator.mint({ kind: "api", user: ACCOUNTS.adele });
  const adele = new JobsClient(APP_URL, token);
  const created = await adele.create({ kind: "errorCode", code: "CountViolation" });
  const paused = await adele.control(created.id, "pause");
  expect(paused.status).toBe("paused");
  await emulator.setLatency(0);

  await signInOnTheEmulator(page, ACCOUNTS.lee);
  await expect(page.getByRole("heading", { name: "Users with license errors" })).toBeVisible();
  await page.goto(`/jobs/${created.id}`);
  const resume = page.getByRole("button", { name: `Resume ${created.description}` });

  await test.step("Lee, a User Administrator, cannot resume it: it would write with Adele's sign-in", async () => {
    await expect(resume).toBeDisabled({ timeout: 30_000 });
    await expect(resume).toHaveAccessibleDescription(
      /Only Adele Vance, who created this job, can resume it/,
    );
  });

  await test.step("Lee cancels it; the users not yet written end as cancelled", async () => {
    await page.getByRole("button", { name: `Cancel ${created.description}` }).click();
    await expect(page.getByText("Cancelled").first()).toBeVisible({ timeout: 30_000 });
    const job = await adele.get(created.id);
    expect(job.status).toBe("cancelled");
    await expect(resume).toHaveCount(0);
  });
});
