import { type Browser, chromium, type Page } from "@playwright/test";
import { gridOf } from "@/e2e/license-grid";

const ADELE = "adele.vance@contoso.onmicrosoft.com";
const PASSWORD = "Demo-Pass-2026!";

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

/** The rows the grid shows now (its `aria-rowcount` counts the header row too). */
export async function rowsShown(page: Page): Promise<number> {
  return Number(await gridOf(page).getAttribute("aria-rowcount")) - 1;
}
