import { expect, type Page } from "@playwright/test";

/** The friendly names Microsoft gives the demo tenant's products. */
export const PRODUCT_NAMES: Record<string, string> = {
  ENTERPRISEPACK: "Office 365 E3",
  ENTERPRISEPREMIUM: "Office 365 E5",
  EXCHANGESTANDARD: "Exchange Online (Plan 1)",
  EXCHANGEARCHIVE_ADDON: "Exchange Online Archiving for Exchange Online",
  POWER_BI_PRO: "Power BI Pro",
  VISIOCLIENT: "Visio Plan 2",
  PROJECTPROFESSIONAL: "Project Plan 3",
  MCOMEETADV: "Microsoft 365 Audio Conferencing",
};

export const gridOf = (page: Page) =>
  page.getByRole("table", { name: "Users with license errors" });

/** Waits until the whole list has streamed in (the progress bar gives way to "Read …"). */
export async function waitForTheWholeList(page: Page, timeout = 30_000) {
  const reading = page.getByRole("progressbar", { name: "Reading users in error" });
  await expect(reading).toBeHidden({ timeout });
  await expect(page.getByText(/^Read /)).toBeVisible();
}

/** The row of one user, brought into view by searching for them. */
export async function rowOf(page: Page, name: string) {
  await page.getByRole("searchbox", { name: "Search users" }).fill(name);
  const row = gridOf(page).getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  return row;
}

/** Every user name in the grid; rows are virtualized, so the grid is scrolled end to end. */
export async function namesInTheGrid(page: Page): Promise<string[]> {
  const scroller = gridOf(page).locator("xpath=..");
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  const names = new Map<string, string>();
  for (;;) {
    const rows = await scroller.locator("tr[aria-rowindex]").evaluateAll((trs) =>
      trs.map((tr) => ({
        index: tr.getAttribute("aria-rowindex") ?? "",
        label: tr.querySelector("input[type=checkbox]")?.getAttribute("aria-label") ?? "",
      })),
    );
    for (const { index, label } of rows) {
      if (label.startsWith("Select ") && !label.startsWith("Select all")) {
        names.set(index, label.slice("Select ".length));
      }
    }
    const atEnd = await scroller.evaluate(async (el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollBy(0, el.clientHeight / 2);
      // Two frames: the virtualizer hears the scroll, React renders the new rows.
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return end;
    });
    if (atEnd) break;
  }
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  return [...names.values()];
}
