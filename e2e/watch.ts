import { expect, type Page } from "@playwright/test";

/** The watch's status line on the settings page; `data-last-check` is when its last check ended. */
export const watchStatus = (page: Page) =>
  page.getByRole("status").filter({ hasText: /The watch|Checking/ });

/** Does `act`, then waits until a check has ended after it (a new last-check time, nothing pending). */
async function untilACheckEnds(page: Page, act: () => Promise<void>) {
  const status = watchStatus(page);
  const before = (await status.getAttribute("data-last-check")) ?? "";
  await act();
  await expect(status).not.toHaveAttribute("data-last-check", before, { timeout: 30_000 });
  await expect(status).not.toContainText("Checking", { timeout: 30_000 });
}

/**
 * Turns the watch on afresh (off first, if a story before left it on), and waits for its first check, which
 * learns what fails now and tells nobody.
 */
export async function turnTheWatchOnAfresh(page: Page) {
  const off = page.getByRole("button", { name: "Turn the watch off" });
  const on = page.getByRole("button", { name: "Turn the watch on" });
  await expect(off.or(on)).toBeVisible();
  if (await off.isVisible()) {
    await off.click();
    await expect(on).toBeVisible();
  }
  await untilACheckEnds(page, () => on.click());
  await expect(watchStatus(page)).toContainText("0 new, 0 cleared");
}

/** "Check now", and waits for that check to end. */
export const checkNow = (page: Page) =>
  untilACheckEnds(page, () => page.getByRole("button", { name: "Check now" }).click());
