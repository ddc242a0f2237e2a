import type { LoggedRequest } from "../lib/testing/emulator-control";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { APP_URL } from "./urls";

const grantType = (request: LoggedRequest) =>
  (request.body as { grant_type?: string } | undefined)?.grant_type;

const promptOf = (request: LoggedRequest) => new URLSearchParams(request.query).get("prompt");

// Tokens that live 240 s are inside MSAL's 300 s renewal window at once, so each reload renews.
test.beforeEach(({ emulator }) => emulator.updateConfig({ accessTokenLifetimeSeconds: 240 }));

test("a helpdesk admin signs in, stays signed in while tokens renew silently, and signs out", async ({
  page,
  emulator,
}) => {
  const header = page.getByRole("banner");

  await test.step("Adele signs in on the emulator's sign-in page", async () => {
    await signInOnTheEmulator(page, ACCOUNTS.adele);
    await expect(page).toHaveURL(`${APP_URL}/`);
    await expect(header.getByText("Adele Vance")).toBeVisible();
    await expect(header.getByText("License Administrator")).toBeVisible();
    await expect(header.getByText("Demo tenant (emulator)")).toBeVisible();
  });

  await test.step("after a reload the app renews her token with the refresh token", async () => {
    const since = await emulator.lastSeq();
    await page.reload();
    await expect(header.getByText("Adele Vance")).toBeVisible();
    const tokenRequests = await emulator.requests({ path: "/oauth2/v2.0/token", since });
    expect(tokenRequests.map((r) => [grantType(r), r.status])).toContainEqual([
      "refresh_token",
      200,
    ]);
  });

  await test.step("when the refresh token is refused, MSAL renews in a hidden iframe", async () => {
    // Every refresh is refused, not just the next one: the page before the reload may still be
    // renewing (each call renews, the tokens being inside the window), and must not use up the refusal.
    await emulator.injectIdentityFaults({
      refreshToken: { error: "invalid_grant", untilCleared: true },
    });
    const since = await emulator.lastSeq();
    await page.reload();
    // Her name comes from the API, so a token was renewed after the reload before it shows.
    await expect(header.getByText("Adele Vance")).toBeVisible();
    await expect(page).toHaveURL(`${APP_URL}/`);

    const tokenRequests = await emulator.requests({ path: "/oauth2/v2.0/token", since });
    const grants = tokenRequests.map((r) => [grantType(r), r.status]);
    expect(grants).toContainEqual(["refresh_token", 400]);
    expect(grants).toContainEqual(["authorization_code", 200]);
    expect(grants).not.toContainEqual(["refresh_token", 200]);
    // Every authorize request since was a silent one: she never saw a sign-in page.
    const authorizeRequests = await emulator.requests({ path: "/oauth2/v2.0/authorize", since });
    expect(authorizeRequests.length).toBeGreaterThan(0);
    expect(authorizeRequests.map(promptOf)).toEqual(authorizeRequests.map(() => "none"));
    await emulator.clearIdentityFaults();
  });

  await test.step("signing out returns her to the landing page", async () => {
    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    // The identity platform appends its logout `state` to the post-logout redirect URI.
    await expect(page).toHaveURL((url) => `${url.origin}${url.pathname}` === `${APP_URL}/`);
    await expect(header.getByText("Adele Vance")).toBeHidden();
  });
});

test("signing out while a token renewal is still on its way signs her out all the same", async ({
  page,
  emulator,
}) => {
  const header = page.getByRole("banner");
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await expect(header.getByText("Adele Vance")).toBeVisible();

  // Refreshing is refused, so MSAL renews through its hidden iframe and redeems a new code; that
  // redemption is held until she has clicked Sign out, and answered while the page is leaving.
  await emulator.injectIdentityFaults({
    refreshToken: { error: "invalid_grant", untilCleared: true },
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/oauth2/v2.0/token**", async (route) => {
    if (route.request().postData()?.includes("grant_type=authorization_code")) await held;
    await route.fallback();
  });
  await page.route("**/oauth2/v2.0/logout**", async (route) => {
    const renewed = page.waitForResponse((res) => res.url().includes("/oauth2/v2.0/token"));
    release();
    await (await renewed).finished();
    // The leaving page has a moment to store the renewed token, as a slow network would give it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.fallback();
  });

  await page.reload();
  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible({ timeout: 15_000 });
  await expect(header.getByText("Adele Vance")).toBeHidden();
  await expect(header.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});
