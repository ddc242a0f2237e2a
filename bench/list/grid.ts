// The grid's responsiveness at scale, measured in Chromium as a helpdesk person uses it.
import type { Page } from "@playwright/test";
import { gridOf, waitForTheWholeList } from "@/e2e/license-grid";
import { launchChromium, newBenchPage, rowsShown, signInAsAdele } from "./browser";
import { type BusyFigures, measureBusyTime, recordBusyTime, waitUntilQuiet } from "./page-recorder";

export interface MeasureOptions {
  /** Where the browser reaches the app: an origin the emulator's tenant registers (port 3000 or 3100). */
  appUrl: string;
  emulatorUrl: string;
  /** Chromium to drive; `CHROMIUM_PATH`, then Debian's `/usr/bin/chromium`, by default. */
  executablePath?: string;
}

export interface GridMeasureOptions extends MeasureOptions {
  /** Each interaction is repeated this many times; figures are the worst round. */
  rounds?: number;
  /**
   * Pixels per wheel event while scrolling: 1,200 by default, a fast fling that brings a screenful
   * of new rows per event; 120 is one notch of a mouse wheel.
   */
  wheelStepPx?: number;
}

export const INTERACTIONS = ["search", "filter", "sort", "selectAll", "scroll"] as const;
export type Interaction = (typeof INTERACTIONS)[number];

export interface InteractionFigures extends BusyFigures {
  /** Rows the grid shows once the interaction's first step has settled (e.g. the query typed). */
  rowsShown: number;
  /** The longest task of each round, to tell a steady cost from one noisy round. */
  longTaskMsPerRound: number[];
}

export interface GridFigures {
  /** Rows in the whole list. */
  totalRows: number;
  /** The query typed, and what the search box held once it settled (a busy grid drops keys). */
  search: { typed: string; boxShows: string };
  interactions: Record<Interaction, InteractionFigures>;
}

/** Ten characters a person would type: the start of a user's userPrincipalName, one key at a time. */
const KEY_DELAY_MS = 100;

async function typeQuery(page: Page, query: string): Promise<number> {
  const search = page.getByRole("searchbox", { name: "Search users" });
  await search.click();
  await search.pressSequentially(query, { delay: KEY_DELAY_MS });
  await waitUntilQuiet(page);
  return rowsShown(page);
}

async function toggleErrorChip(page: Page): Promise<number> {
  const chip = page
    .getByRole("list", { name: "Users in error by cause" })
    .getByRole("button")
    .first();
  await chip.click();
  await page.waitForURL(/code=/);
  await waitUntilQuiet(page);
  const shown = await rowsShown(page);
  await chip.click();
  await page.waitForURL((url) => !url.searchParams.has("code"));
  return shown;
}

async function sortByUser(page: Page): Promise<number> {
  const header = gridOf(page).getByRole("columnheader", { name: "User" });
  // Ascending, descending, then back to the list's own order.
  for (const sort of ["ascending", "descending", "none"]) {
    await header.getByRole("button").click();
    await header.and(page.locator(`[aria-sort="${sort}"]`)).waitFor();
  }
  return rowsShown(page);
}

async function selectAllAndClear(page: Page): Promise<number> {
  const selectAll = gridOf(page).getByRole("checkbox", { name: /^Select all/ });
  await selectAll.click();
  await page.getByRole("region", { name: "Selection" }).waitFor();
  const shown = await rowsShown(page);
  await selectAll.click();
  await page.getByRole("region", { name: "Selection" }).waitFor({ state: "hidden" });
  return shown;
}

async function scrollToTheEnd(page: Page, stepPx: number): Promise<number> {
  const scroller = gridOf(page).locator("xpath=..");
  await scroller.hover();
  // One handle: a locator would query the page by role before every step, on its main thread.
  const box = await scroller.elementHandle();
  if (!box) throw new Error("The grid's scroll box is gone.");
  const atEnd = () => box.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
  while (!(await atEnd())) await page.mouse.wheel(0, stepPx);
  await box.dispose();
  return rowsShown(page);
}

/** Runs one interaction `rounds` times; `reset` puts the grid back (not measured). */
async function measureInteraction(
  page: Page,
  rounds: number,
  interaction: () => Promise<number>,
  reset: () => Promise<void> = async () => {},
): Promise<InteractionFigures> {
  const runs: (BusyFigures & { rowsShown: number })[] = [];
  for (let round = 0; round < rounds; round++) {
    let shown = 0;
    const busy = await measureBusyTime(page, async () => {
      shown = await interaction();
    });
    runs.push({ ...busy, rowsShown: shown });
    await reset();
  }
  const worst = (pick: (run: BusyFigures) => number) => Math.max(...runs.map(pick));
  return {
    rowsShown: runs[0]?.rowsShown ?? 0,
    longTaskMs: worst((run) => run.longTaskMs),
    frameMs: worst((run) => run.frameMs),
    eventMs: worst((run) => run.eventMs),
    longTaskMsPerRound: runs.map((run) => run.longTaskMs),
  };
}

/**
 * Signs in as Adele, waits for the whole list, then searches (typing key by key), toggles the
 * largest error chip, sorts by user, selects all and scrolls from top to bottom, measuring each.
 */
export async function measureGrid(options: GridMeasureOptions): Promise<GridFigures> {
  const rounds = options.rounds ?? 3;
  const browser = await launchChromium(options.executablePath);
  try {
    const page = await newBenchPage(browser);
    await recordBusyTime(page);
    await signInAsAdele(page, options.appUrl, options.emulatorUrl);
    // Reading 10,000 users in error takes a while on a busy machine.
    await waitForTheWholeList(page, 10 * 60_000);
    const totalRows = await rowsShown(page);
    const firstUpn = await gridOf(page)
      .locator("tbody tr[aria-rowindex] td:nth-child(2) p")
      .nth(1)
      .innerText();
    const query = firstUpn.slice(0, 10);
    const search = page.getByRole("searchbox", { name: "Search users" });
    const scroller = gridOf(page).locator("xpath=..");
    let boxShows = "";
    const interactions: Record<Interaction, InteractionFigures> = {
      search: await measureInteraction(
        page,
        rounds,
        () => typeQuery(page, query),
        async () => {
          boxShows ||= await search.inputValue();
          await search.fill("");
        },
      ),
      filter: await measureInteraction(page, rounds, () => toggleErrorChip(page)),
      sort: await measureInteraction(page, rounds, () => sortByUser(page)),
      selectAll: await measureInteraction(page, rounds, () => selectAllAndClear(page)),
      scroll: await measureInteraction(
        page,
        rounds,
        () => scrollToTheEnd(page, options.wheelStepPx ?? 1200),
        () => scroller.evaluate((el) => el.scrollTo(0, 0)),
      ),
    };
    return { totalRows, search: { typed: query, boxShows }, interactions };
  } finally {
    await browser.close();
  }
}

export interface FirstLoadJs {
  /** Compressed bytes of every script the dashboard loads, in kB (1,000 bytes). */
  kB: number;
  scripts: number;
  /** The `content-encoding` the app served its scripts with, e.g. ["gzip"]. */
  encodings: string[];
}

/**
 * The signed-in dashboard's first-load JavaScript: a reload of `/` with the HTTP cache off, summing
 * each script's `encodedBodySize` (the body as sent, compressed, without headers). Measured in the
 * browser rather than read from the build: Next 16 no longer prints first-load sizes, and only the
 * browser knows which chunks the page really asks for.
 */
export async function measureFirstLoadJs(options: MeasureOptions): Promise<FirstLoadJs> {
  const browser = await launchChromium(options.executablePath);
  try {
    const page = await newBenchPage(browser);
    await signInAsAdele(page, options.appUrl, options.emulatorUrl);
    await gridOf(page).waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const encodings = new Set<string>();
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      encodings.add(response.headers()["content-encoding"] ?? "identity");
    });
    await page.reload({ waitUntil: "load" });
    await gridOf(page).waitFor();
    const origin = new URL(options.appUrl).origin;
    const sizes = await page.evaluate(
      (appOrigin) =>
        performance
          .getEntriesByType("resource")
          .filter((entry): entry is PerformanceResourceTiming => "encodedBodySize" in entry)
          .filter((entry) => {
            const url = new URL(entry.name);
            return url.origin === appOrigin && url.pathname.endsWith(".js");
          })
          .map((entry) => entry.encodedBodySize),
      origin,
    );
    return {
      kB: Math.round(sizes.reduce((sum, size) => sum + size, 0) / 100) / 10,
      scripts: sizes.length,
      encodings: [...encodings],
    };
  } finally {
    await browser.close();
  }
}
