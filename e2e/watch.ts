import { expect, type Page } from "@playwright/test";

/** The watch's status line on the settings page. */
export const watchStatus = (page: Page) =>
  page.getByRole("status").filter({ hasText: /The watch|Checking/ });

/**
 * Turns the watch on afresh (off first, if a story before left it on), so its first check learns what fails now
 * and tells nobody; waits for that check.
 */
export async function turnTheWatchOnAfresh(page: Page) {
  const off = page.getByRole("button", { name: "Turn the watch off" });
  const on = page.getByRole("button", { name: "Turn the watch on" });
  await expect(off.or(on)).toBeVisible();
  if (await off.isVisible()) {
    await off.click();
    await expect(on).toBeVisible();
  }
  const before = await watchStatus(page).textContent();
  await on.click();
  await expect(watchStatus(page)).toContainText("0 new, 0 cleared", { timeout: 30_000 });
  await expect(watchStatus(page)).not.toHaveText(before ?? "");
}
