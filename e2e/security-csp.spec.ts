import type { BrowserContext, Page } from "@playwright/test";
import type { LoggedRequest } from "../lib/testing/emulator-control";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { rowOf, waitForTheWholeList } from "./license-grid";
import { APP_URL } from "./urls";

/** Every CSP violation in any page or frame of the context, as the browser reports it. */
async function recordCspViolations(context: BrowserContext, page: Page): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding("__licensedeskCspViolation", ({ frame }, text: string) => {
    violations.push(`${frame.url()}: ${text}`);
  });
  // Init scripts run in every frame, MSAL's hidden iframe included, before the page's own scripts.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as Record<string, (text: string) => void>)
        .__licensedeskCspViolation;
      report?.(
        `${event.effectiveDirective} blocked ${event.blockedURI || "an inline script or style"}` +
          ` (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      violations.push(`console: ${message.text()}`);
    }
  });
  return violations;
}

const grantType = (request: LoggedRequest) =>
  (request.body as { grant_type?: string } | undefined)?.grant_type;

test("signing in, silent renewal in MSAL's hidden iframe and a reprocess break no CSP rule", async ({
  page,
  context,
  emulator,
}) => {
  const violations = await recordCspViolations(context, page);
  // Tokens that live 240 s are inside MSAL's 300 s renewal window at once, so each reload renews.
  await emulator.updateConfig({ accessTokenLifetimeSeconds: 240, reprocessDelayMs: 300 });
  const header = page.getByRole("banner");

  await test.step("Adele signs in through the redirect flow and the list loads", async () => {
    await signInOnTheEmulator(page, ACCOUNTS.adele);
    await expect(page).toHaveURL(`${APP_URL}/`);
    await expect(header.getByText("Adele Vance")).toBeVisible();
    await waitForTheWholeList(page);
  });

  await test.step("she opens Gabriel Petit and reprocesses him", async () => {
    await (await rowOf(page, "Gabriel Petit")).click();
    const panel = page.getByRole("dialog", { name: "Gabriel Petit" });
    await panel.getByRole("button", { name: "Reprocess" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "Outcome" })).toBeVisible({
      timeout: 30_000,
    });
    await panel.getByRole("button", { name: "Close" }).click();
  });

  await test.step("with refresh tokens refused, MSAL renews in its hidden iframe", async () => {
    await emulator.injectIdentityFaults({
      refreshToken: { error: "invalid_grant", untilCleared: true },
    });
    const since = await emulator.lastSeq();
    await page.reload();
    await expect(header.getByText("Adele Vance")).toBeVisible();
    const tokenRequests = await emulator.requests({ path: "/oauth2/v2.0/token", since });
    expect(tokenRequests.map((r) => [grantType(r), r.status])).toContainEqual([
      "authorization_code",
      200,
    ]);
    await emulator.clearIdentityFaults();
  });

  await test.step("she signs out", async () => {
    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  expect(violations, "CSP violations during the story").toEqual([]);

  await test.step("markup injected with an inline handler does not run, and is reported", async () => {
    // What an HTML injection would try: an inline event handler, allowed only by 'unsafe-inline'.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        "beforeend",
        `<img alt="" src="data:," onerror="window.__licensedeskInjected = true">`,
      );
    });
    await expect.poll(() => violations.join("\n")).toContain("script-src");
    const ran = await page.evaluate(
      () => (window as unknown as Record<string, unknown>).__licensedeskInjected === true,
    );
    expect(ran).toBe(false);
  });
});
