import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { JOB_CSV_COLUMNS } from "../lib/api/jobs";
import { expectNoSeriousA11yViolations } from "./accessibility";
import { ACCOUNTS, signInOnTheEmulator } from "./accounts";
import { expect, test } from "./fixtures";
import { gridOf } from "./license-grid";

/** 900 users, 300 in error: 50 for each of the six causes, "Other" among them. */
const TENANT = { users: 900, groups: 10, usersInError: 300, seed: 4 };
const FIXED = 40;
const OUTCOME_LABELS: Record<string, string> = {
  resolved: "Resolved",
  still_in_error: "Still in error",
  timed_out: "Timed out",
};
const STEP_LABELS = ["Queued", "Writing", "Checking"];

interface Sample {
  done: number;
  /** Job badges on the grid's rendered rows, by label. */
  rows: Record<string, number>;
}

/** Samples the progress bar and the rows' job badges in the page until `total` are done. */
function watchProgress(page: Page, total: number): Promise<Sample[]> {
  return page.evaluate(
    ({ total, labels }) =>
      new Promise<Sample[]>((done) => {
        const samples: Sample[] = [];
        const started = Date.now();
        const timer = setInterval(() => {
          const bar = document.querySelector("dialog[open] [role=progressbar]");
          const rows: Record<string, number> = {};
          const grid = document.querySelector('table[aria-label="Users with license errors"]');
          for (const badge of grid?.querySelectorAll("tbody [data-slot=badge]") ?? []) {
            const label = badge.textContent?.trim() ?? "";
            if (labels.includes(label)) rows[label] = (rows[label] ?? 0) + 1;
          }
          const value = Number(bar?.getAttribute("aria-valuenow") ?? -1);
          samples.push({ done: value, rows });
          if (value >= total || Date.now() - started > 90_000) {
            clearInterval(timer);
            done(samples);
          }
        }, 50);
      }),
    { total, labels: [...STEP_LABELS, ...Object.values(OUTCOME_LABELS)] },
  );
}

/** Every row of the job page's table (virtualized: scrolled end to end), UPN → outcome label. */
async function outcomesOnThePage(table: Locator): Promise<Map<string, string>> {
  const scroller = table.locator("xpath=..");
  // The virtualizer renders rows once it has measured its box.
  await expect(scroller.locator("tbody tr[aria-rowindex]").first()).toBeVisible();
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  const outcomes = new Map<string, string>();
  for (;;) {
    const rows = await scroller.locator("tbody tr[aria-rowindex]").evaluateAll((trs) =>
      trs.map((tr) => ({
        upn: tr.querySelector("td:nth-child(1) p:nth-child(2)")?.textContent ?? "",
        outcome: tr.querySelector("td:nth-child(2)")?.textContent?.trim() ?? "",
      })),
    );
    for (const { upn, outcome } of rows) outcomes.set(upn, outcome);
    const atEnd = await scroller.evaluate(async (el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollBy(0, el.clientHeight / 2);
      await new Promise((next) => requestAnimationFrame(() => requestAnimationFrame(next)));
      return end;
    });
    if (atEnd) break;
  }
  return outcomes;
}

/** Waits until the whole list has streamed in; a tenant of 900 users takes a while to read. */
async function waitForTheList(page: Page) {
  await expect(page.getByText(/^Read /)).toBeVisible({ timeout: 60_000 });
}

/** How many jobs the server lists on the page's next read of `GET /api/jobs`. */
async function jobsListed(page: Page): Promise<number> {
  const res = await page.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/jobs" && r.request().method() === "GET",
  );
  return ((await res.json()) as { jobs: unknown[] }).jobs.length;
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test("[BULK] Adele reprocesses 50 users in error at once, watches them advance, and the CSV matches the job page", async ({
  page,
  emulator,
}) => {
  test.setTimeout(240_000);
  const tenant = await emulator.generate(TENANT);
  const blocked = tenant.usersInError.filter((u) => u.failing.some((f) => f.error === "Other"));
  expect(blocked).toHaveLength(50);
  const fixed = new Set(blocked.slice(0, FIXED).map((u) => u.userPrincipalName));

  await test.step("the cause is removed for 40 of the 50 users blocked for another reason", async () => {
    for (const upn of fixed) await emulator.patchUser(upn, { blockedForOtherReason: false });
  });

  await test.step("she signs in and filters the grid to the licensing service errors", async () => {
    await signInOnTheEmulator(page, ACCOUNTS.adele);
    await waitForTheList(page);
    await page.getByRole("button", { name: /^Licensing service error/ }).click();
    await expect(gridOf(page).locator("tbody tr[aria-rowindex]").first()).toBeVisible();
    await expect(page.getByText(/^50 of \d+ users shown$/)).toBeVisible();
  });

  const bar = page.getByRole("region", { name: "Selection" });
  await test.step("a click and a shift-click select a range; then every matching user", async () => {
    const rows = gridOf(page).locator("tbody tr[aria-rowindex]");
    await rows.nth(0).getByRole("checkbox").click();
    await expect(bar).toContainText("1 selected");
    await rows
      .nth(4)
      .getByRole("checkbox")
      .click({ modifiers: ["Shift"] });
    await expect(bar).toContainText("5 selected");
    await bar.getByRole("button", { name: "Select all 50 matching this filter" }).click();
    await expect(bar).toContainText("50 selected");
    await expect(
      gridOf(page).getByRole("checkbox", {
        name: "Select all 50 rows matching the filters",
      }),
    ).toBeChecked();
  });

  // Graph answers slowly and applies a reprocess after a while, so the progress can be watched.
  await emulator.setLatency(250);
  await emulator.updateConfig({ reprocessDelayMs: 1_500 });

  const dialog = page.getByRole("dialog", { name: /Reprocess/ });
  await test.step("the confirmation says 50 users and how long they take", async () => {
    await bar.getByRole("button", { name: "Reprocess 50 users" }).click();
    await expect(dialog).toHaveAccessibleName("Reprocess 50 users?");
    await expect(dialog).toContainText(
      /About \d+( min)?( \d+)? s at the current Graph budget of [\d,]+ writes\/min/,
    );
    await page.screenshot({ path: "docs/screenshots/bulk-confirm.png" });
  });

  await test.step("confirming starts the job; its progress and the rows advance live", async () => {
    const watching = watchProgress(page, 50);
    await dialog.getByRole("button", { name: "Reprocess 50 users" }).click();
    await expect(dialog).toHaveAccessibleName("Reprocessing 50 users");
    await expect(bar).toBeHidden();
    const samples = await watching;
    const values = samples.map((s) => s.done).filter((v) => v >= 0);
    expect(values, "the bar never goes back").toEqual(values.toSorted((a, b) => a - b));
    expect(values.at(-1)).toBe(50);
    expect(
      new Set(values.filter((v) => v > 0 && v < 50)).size,
      `values in between, seen: ${[...new Set(values)].join(", ")}`,
    ).toBeGreaterThanOrEqual(1);
    const firstStep = samples.findIndex((s) => STEP_LABELS.some((l) => s.rows[l]));
    const firstOutcome = samples.findIndex((s) => s.rows.Resolved);
    expect(firstStep, "a row showed queued, writing or checking").toBeGreaterThanOrEqual(0);
    expect(firstOutcome, "a row showed its outcome after its steps").toBeGreaterThan(firstStep);
    await page.screenshot({ path: "docs/screenshots/bulk-progress.png" });
  });

  await emulator.setLatency(0);
  await test.step("the job page shows every user's outcome: 40 resolved, 10 not", async () => {
    await dialog.getByRole("link", { name: "Open the job page" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "50");
    const filters = page.getByRole("group", { name: "Filter by outcome" });
    await expect(filters.getByRole("button", { name: /^All/ })).toHaveText("All50");
    await expect(filters.getByRole("button", { name: /^Resolved/ })).toHaveText("Resolved40");
  });

  const table = page.getByRole("table", { name: "Outcome per user" });
  const onThePage = await outcomesOnThePage(table);
  await test.step("each of the 50 users has the outcome their cause calls for", async () => {
    expect([...onThePage.keys()].toSorted()).toEqual(
      blocked.map((u) => u.userPrincipalName).toSorted(),
    );
    for (const [upn, outcome] of onThePage) {
      // Graph may not touch an assignment whose cause stays; the check then ends as timed out.
      if (fixed.has(upn)) expect(outcome, upn).toBe("Resolved");
      else expect(["Still in error", "Timed out"], upn).toContain(outcome);
    }
    const after = await emulator.state();
    const stillInError = new Set(after.usersInError.map((u) => u.userPrincipalName));
    for (const upn of onThePage.keys()) expect(stillInError.has(upn), upn).toBe(!fixed.has(upn));
  });

  await test.step("filtering by outcome and searching narrow the table", async () => {
    const filters = page.getByRole("group", { name: "Filter by outcome" });
    await filters.getByRole("button", { name: /^Resolved/ }).click();
    await expect(page).toHaveURL(/outcome=resolved/);
    await expect(table).toHaveAttribute("aria-rowcount", String(FIXED + 1));
    const [someone] = fixed;
    await page.getByRole("searchbox", { name: "Search users" }).fill(someone ?? "");
    await expect(table).toHaveAttribute("aria-rowcount", "2");
    await expect(table.locator("tbody tr[aria-rowindex]")).toContainText(someone ?? "");
    await page.getByRole("searchbox", { name: "Search users" }).fill("");
    await filters.getByRole("button", { name: /^All/ }).click();
    await expect(table).toHaveAttribute("aria-rowcount", "51");
  });

  await test.step("the CSV download has the same 50 users and outcomes as the page", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const file = await (await download).path();
    const text = await readFile(file, "utf8");
    expect(text.charCodeAt(0), "UTF-8 with a byte order mark").toBe(0xfeff);
    const records: Record<string, string>[] = parse(text, {
      bom: true,
      columns: true,
    });
    expect(Object.keys(records[0] ?? {})).toEqual([...JOB_CSV_COLUMNS]);
    expect(records).toHaveLength(50);
    const inCsv = new Map(
      records.map((r) => [r.user_principal_name, OUTCOME_LABELS[r.outcome ?? ""] ?? r.outcome]),
    );
    expect(inCsv).toEqual(onThePage);
  });

  await test.step("the job page has no serious accessibility problems, light or dark", async () => {
    await expectNoSeriousA11yViolations(page, "the job page");
    await page.screenshot({ path: "docs/screenshots/job.png" });
  });

  await test.step("the app opened again lists the job as completed", async () => {
    await page.goto("/");
    const jobs = page.getByRole("list", { name: "Running and recent jobs" });
    const job = jobs.getByRole("listitem").first();
    await expect(job).toContainText("Completed");
    await expect(job).toContainText(`Resolved: ${FIXED}`);
    await expect(job.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "50");
  });
});

test("[BULK] when Graph throttles the fresh read, the confirmation says how long to wait and the selection stays", async ({
  page,
  emulator,
}) => {
  test.setTimeout(120_000);
  const jobsBefore = jobsListed(page);
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheList(page);
  const bar = page.getByRole("region", { name: "Selection" });
  const rows = gridOf(page).locator("tbody tr[aria-rowindex]");
  await rows.nth(0).getByRole("checkbox").click();
  await rows.nth(2).getByRole("checkbox").click();
  await expect(bar).toContainText("2 selected");

  // Longer than the server waits out on its own (5 s), so the throttling reaches the admin; the app then
  // holds every Graph read of the tenant until it has passed.
  await emulator.injectGraphFault({
    path: "/groups",
    method: "GET",
    status: 429,
    retryAfter: 7,
    times: 1,
  });
  await page.getByRole("button", { name: "Reprocess all in error…" }).click();
  await page
    .getByRole("button", {
      name: /^Reprocess everyone in error with Not enough licenses/,
    })
    .click();

  const dialog = page.getByRole("dialog", { name: "Reprocess users?" });
  const alert = dialog.getByRole("alert");
  await expect(alert).toContainText("The reprocess could not be estimated");
  await expect(alert).toContainText("Microsoft Graph is throttling requests");
  await expect(alert).toContainText(/Try again in [67] s\./);

  await test.step("asking again once Graph lets through gives the count and the duration", async () => {
    // Adele waits as she was told.
    await page.waitForTimeout(7_000);
    await dialog.getByRole("button", { name: "Try again" }).click();
    const counted = page.getByRole("dialog", {
      name: /^Reprocess \d+ users\?$/,
    });
    await expect(counted).toContainText(/About .+ at the current Graph budget/);
    await counted.getByRole("button", { name: "Cancel" }).click();
  });

  await test.step("no job was started and the selection is as it was", async () => {
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(bar).toContainText("2 selected");
    const jobsAfter = jobsListed(page);
    await page.reload();
    expect(await jobsAfter).toBe(await jobsBefore);
  });
});

test("[BULK] with the event stream blocked, a job on a whole group is followed by polling", async ({
  page,
  emulator,
}) => {
  test.setTimeout(120_000);
  await emulator.updateConfig({ reprocessDelayMs: 300 });
  const tenant = await emulator.state();
  const shortOfPowerBi = tenant.usersInError.filter((u) =>
    u.failing.some((f) => f.groupName === "Power BI users"),
  );
  expect(shortOfPowerBi.length).toBeGreaterThan(1);
  await emulator.addSeats("POWER_BI_PRO", shortOfPowerBi.length);

  // A proxy that cuts server-sent events: the page must fall back to asking for the job.
  const streams: string[] = [];
  await page.route("**/api/jobs/*/events", async (route) => {
    streams.push(route.request().url());
    await route.abort("connectionfailed");
  });
  const polls: string[] = [];
  page.on("request", (request) => {
    if (/\/api\/jobs\/[0-9a-f-]{36}$/.test(new URL(request.url()).pathname)) {
      polls.push(request.url());
    }
  });

  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheList(page);
  await page.getByRole("button", { name: "Reprocess all in error…" }).click();
  await page
    .getByRole("button", {
      name: /^Reprocess everyone in error in group Power BI users/,
    })
    .click();
  const total = shortOfPowerBi.length;
  const dialog = page.getByRole("dialog");
  await expect(dialog).toHaveAccessibleName(`Reprocess ${total} users?`);
  await expect(dialog).toContainText("Everyone in error in group Power BI users");
  await dialog.getByRole("button", { name: `Reprocess ${total} users` }).click();

  await test.step("the progress still reaches the end, by polling", async () => {
    await expect(dialog.getByRole("progressbar")).toHaveAttribute("aria-valuenow", String(total), {
      timeout: 60_000,
    });
    expect(streams.length, "the page tried the event stream first").toBeGreaterThan(0);
    expect(polls.length, "then asked for the job again and again").toBeGreaterThan(2);
  });

  await test.step("the job page shows every user of the group resolved", async () => {
    await dialog.getByRole("link", { name: "Open the job page" }).click();
    const filters = page.getByRole("group", { name: "Filter by outcome" });
    await expect(filters.getByRole("button", { name: /^Resolved/ })).toHaveText(`Resolved${total}`);
    const after = await emulator.state();
    const stillInError = new Set(after.usersInError.map((u) => u.userPrincipalName));
    for (const user of shortOfPowerBi) {
      expect(stillInError.has(user.userPrincipalName), user.userPrincipalName).toBe(false);
    }
  });
});

test("[BULK] an operator pauses a running job from the jobs panel, then resumes it to the end", async ({
  page,
  emulator,
}) => {
  test.setTimeout(240_000);
  await emulator.generate(TENANT);
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheList(page);
  await gridOf(page).getByRole("checkbox", { name: "Select all 300 rows" }).click();
  const bar = page.getByRole("region", { name: "Selection" });
  await expect(bar).toContainText("300 selected");
  // Slow Graph: 300 users take a while to write, long enough to pause in between.
  await emulator.setLatency(800);
  await bar.getByRole("button", { name: "Reprocess 300 users" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Reprocess 300 users" }).click();
  await expect(dialog).toHaveAccessibleName("Reprocessing 300 users");
  await dialog.getByRole("button", { name: "Close" }).click();

  const card = page
    .getByRole("list", { name: "Running and recent jobs" })
    .getByRole("listitem")
    .filter({ hasText: "300 users picked in the grid" });
  await test.step("Pause stops the job with users still queued", async () => {
    await card.getByRole("button", { name: /^Pause / }).click();
    await expect(card).toContainText("Paused");
    await expect(card).toContainText(/\d+ queued/);
    await expect(card.getByRole("button", { name: /^Resume / })).toBeVisible();
  });

  await emulator.setLatency(0);
  await test.step("Resume takes it to the end: every user has an outcome", async () => {
    await card.getByRole("button", { name: /^Resume / }).click();
    await expect(card).toContainText("Completed", { timeout: 180_000 });
    await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "300");
    await expect(card.getByRole("button", { name: /^(Pause|Resume|Cancel) / })).toHaveCount(0);
  });
});

test("[BULK] an operator cancels a running job from its page; users not yet written end as cancelled", async ({
  page,
  emulator,
}) => {
  test.setTimeout(240_000);
  await emulator.generate(TENANT);
  await signInOnTheEmulator(page, ACCOUNTS.adele);
  await waitForTheList(page);
  await gridOf(page).getByRole("checkbox", { name: "Select all 300 rows" }).click();
  // Very slow Graph: writes take seconds, so some users are still queued when Cancel lands.
  await emulator.setLatency(3_000);
  await page
    .getByRole("region", { name: "Selection" })
    .getByRole("button", { name: "Reprocess 300 users" })
    .click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Reprocess 300 users" }).click();
  await dialog.getByRole("link", { name: "Open the job page" }).click();

  await test.step("the job page, opened mid-way, follows the job live", async () => {
    await expect(page.getByRole("definition").filter({ hasText: /^Live$/ })).toBeVisible();
  });

  await test.step("Cancel on the job page stops what is not written yet", async () => {
    await page.getByRole("button", { name: /^Cancel / }).click();
    await expect(
      page.getByRole("definition").filter({ hasText: /^Cancell(ing|ed)$/ }),
    ).toBeVisible();
  });

  await emulator.setLatency(0);
  await test.step("every user ends in one final state, some of them cancelled", async () => {
    await expect(page.getByRole("definition").filter({ hasText: /^Cancelled$/ })).toBeVisible({
      timeout: 120_000,
    });
    await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "300");
    const cancelled = page
      .getByRole("group", { name: "Filter by outcome" })
      .getByRole("button", { name: /^Cancelled/ });
    await expect(cancelled).toHaveText(/^Cancelled\d+$/);
    await expect(page.getByRole("button", { name: /^(Pause|Resume|Cancel) / })).toHaveCount(0);
  });
});
