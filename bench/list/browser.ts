import { type Browser, chromium, type Page } from "@playwright/test";

const ADELE = "adele.vance@contoso.onmicrosoft.com";
const PASSWORD = "Demo-Pass-2026!";
/** Reading 10,000 users in error through Graph's pacing takes a while on a busy machine. */
const WHOLE_LIST_TIMEOUT_MS = 10 * 60_000;

/** Debian's Chromium (Playwright cannot download its own here), with the specs' flags. */
export function launchChromium(executablePath?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: executablePath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      // Keep Chromium's own update, metrics and safe-browsing traffic off the network.
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      // Chromium's sandbox cannot start as root.
      ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
    ],
  });
}

/** A page the size the grid specs use. */
export async function newBenchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

/** Signs Adele in through the app's button and the emulator's real sign-in page. */
export async function signInAsAdele(page: Page, appUrl: string, emulatorUrl: string) {
  await page.goto(appUrl);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.href.startsWith(emulatorUrl));
  await page.getByLabel("Username").fill(ADELE);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.href.startsWith(appUrl));
}

export const gridOf = (page: Page) =>
  page.getByRole("table", { name: "Users with license errors" });

/** Waits until the whole list has streamed in (the progress bar gives way to "Read …"). */
export async function waitForTheWholeList(page: Page) {
  await gridOf(page).waitFor({ timeout: WHOLE_LIST_TIMEOUT_MS });
  await page
    .getByRole("progressbar", { name: "Reading groups with license errors" })
    .waitFor({ state: "hidden", timeout: WHOLE_LIST_TIMEOUT_MS });
  await page.getByText(/^Read /).waitFor({ timeout: WHOLE_LIST_TIMEOUT_MS });
}

/** The rows the grid shows now (its `aria-rowcount` counts the header row too). */
export async function rowsShown(page: Page): Promise<number> {
  return Number(await gridOf(page).getAttribute("aria-rowcount")) - 1;
}
