import { expect, type Page, type Request } from "@playwright/test";
import { EMULATOR_URL } from "./urls";

const PASSWORD = "Demo-Pass-2026!";

/** The demo tenant's sign-in accounts the stories use. */
export const ACCOUNTS = {
  /** License Administrator: the helpdesk admin. */
  adele: "adele.vance@contoso.onmicrosoft.com",
  /** User Administrator: an operator too, who did not create Adele's jobs. */
  lee: "lee.gu@contoso.onmicrosoft.com",
  /** Global Reader and Licensedesk reader: may look, not change. */
  isaiah: "isaiah.langer@contoso.onmicrosoft.com",
  /** No admin role and no Licensedesk role. */
  alex: "alex.wilber@contoso.onmicrosoft.com",
} as const;

/** Signs in through the app's button and the emulator's sign-in page. */
export async function signInOnTheEmulator(page: Page, username: string) {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(EMULATOR_URL));
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The bearer token the page itself sends to the API, caught on its next `/api/me` after a reload. */
export async function pageApiToken(page: Page): Promise<string> {
  const isMe = (request: Request) => new URL(request.url()).pathname === "/api/me";
  const [request] = await Promise.all([page.waitForRequest(isMe), page.reload()]);
  const authorization = await request.headerValue("authorization");
  expect(authorization, "the page sends a bearer token").toMatch(/^Bearer /);
  return authorization ?? "";
}
