import type { Locator, Page } from "@playwright/test";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { waitForTheWholeList } from "./license-grid";
import { APP_URL } from "./urls";

/** Signs Adele in and, when the emulator asks for her password again (a claims challenge), gives it. */
async function signInThroughTheChallenge(page: Page, landed: Locator) {
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  const password = page.getByLabel("Password");
  await expect(password.or(landed)).toBeVisible({ timeout: 30_000 });
  if (await password.isVisible()) {
    await page.getByLabel("Username").fill(ACCOUNTS.adele);
    await password.fill("Demo-Pass-2026!");
    await page.getByRole("button", { name: "Sign in" }).click();
  }
}

test("when Entra wants Adele to sign in again (MFA), the app takes her there once and then works", async ({
  page,
  emulator,
}) => {
  // Her first token's on-behalf-of exchange meets Conditional Access; the next one passes.
  await emulator.injectIdentityFaults({
    onBehalfOf: { error: "interaction_required", times: 1 },
  });
  const since = await emulator.lastSeq();

  await test.step("she signs in; the API's challenge sends her back to Entra with its claims", async () => {
    await signInThroughTheChallenge(
      page,
      page.getByRole("heading", { name: "Users with license errors" }),
    );
  });

  await test.step("back in the app, the list loads and no error is left on screen", async () => {
    await expect(page).toHaveURL((url) => url.href.startsWith(APP_URL));
    await waitForTheWholeList(page);
    await expect(
      page.getByText(/could not be read|Signing you in again|interaction_in_progress/),
    ).toHaveCount(0);
  });

  await test.step("exactly one interactive sign-in carried the claims challenge", async () => {
    const authorizes = await emulator.requests({ path: "/oauth2/v2.0/authorize", since });
    // MSAL sends id_token claims of its own on every request; the challenge is the access_token part.
    const challenged = authorizes
      .map((r) => new URLSearchParams(r.query))
      .filter((query) => query.get("claims")?.includes("capolids"));
    expect(challenged).toHaveLength(1);
    expect(challenged[0]?.get("prompt")).not.toBe("none");
  });
});

test("when Entra asks Adele to sign in again right after she did, the app stops after one trip and says why", async ({
  page,
  emulator,
}) => {
  // Every on-behalf-of exchange meets a policy her sign-in cannot satisfy.
  await emulator.injectIdentityFaults({
    onBehalfOf: { error: "interaction_required", untilCleared: true },
  });
  const since = await emulator.lastSeq();

  await test.step("she signs in and is sent back to Entra once", async () => {
    await signInThroughTheChallenge(
      page,
      page.getByText(/stopped instead of sending you round again/).first(),
    );
  });

  await test.step("back in the app, the page explains instead of leaving again", async () => {
    await expect(page).toHaveURL((url) => url.href.startsWith(APP_URL));
    await expect(page.getByText(/stopped instead of sending you round again/).first()).toBeVisible({
      timeout: 30_000,
    });
    // Long enough for a loop to show itself: the page stays, and Entra saw one challenge only.
    await page.waitForTimeout(3_000);
    await expect(page).toHaveURL((url) => url.href.startsWith(APP_URL));
    const authorizes = await emulator.requests({ path: "/oauth2/v2.0/authorize", since });
    const challenged = authorizes.filter((r) =>
      new URLSearchParams(r.query).get("claims")?.includes("capolids"),
    );
    expect(challenged).toHaveLength(1);
  });
});
