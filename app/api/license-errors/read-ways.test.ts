import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LicenseErrorRow, LicenseErrorsStreamEvent } from "@/lib/api/license-errors";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import {
  apiRequest,
  readNdjsonAsItComes,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { loggedLines } from "@/lib/testing/console-capture";
import { GET } from "./route";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ LICENSE_ERRORS_CACHE_SECONDS: "0" });
});
afterAll(() => t.close());
beforeEach(async () => {
  await emptyTables(await getAppDatabase());
  await t.client.reset({ to: "demo", everything: true });
});

const BETA_PATH = "*/admin/cloudLicensing/assignmentErrors";

/** The stream's events as they come; `onFirstRows` runs once the first rows have arrived. */
async function readEvents(res: Response, onFirstRows?: () => Promise<void>) {
  const events: LicenseErrorsStreamEvent[] = [];
  await readNdjsonAsItComes<LicenseErrorsStreamEvent>(res, async (event) => {
    if (event.type === "rows" && !events.some((e) => e.type === "rows")) await onFirstRows?.();
    events.push(event);
  });
  return events;
}

async function list(onFirstRows?: () => Promise<void>) {
  const res = await GET(apiRequest("/api/license-errors?refresh=1", await t.mint()));
  expect(res.status).toBe(200);
  const events = await readEvents(res, onFirstRows);
  const rows = new Map<string, LicenseErrorRow>();
  for (const event of events) {
    if (event.type === "reset") rows.clear();
    if (event.type === "rows") for (const row of event.rows) rows.set(row.id, row);
  }
  const plan = events.find((e) => e.type === "plan");
  const done = events.at(-1);
  if (plan?.type !== "plan" || done?.type !== "done") {
    throw new Error(`the list did not finish: ${JSON.stringify(events.at(-1))}`);
  }
  return { plan, done, rows, events };
}

/** The users the emulator has in error, and each one's failing assignments as keys. */
async function truth() {
  const state = await t.client.state();
  return new Map(
    state.usersInError.map((user) => [
      user.id,
      user.failing.map((f) => `${f.skuId}|${f.assignedByGroup ?? "direct"}|${f.error}`).sort(),
    ]),
  );
}

/** Exactly the users Graph shows in error, each with exactly their failing assignments. */
async function expectExactlyTheTenantsErrors(rows: Map<string, LicenseErrorRow>) {
  const expected = await truth();
  const listed = new Map(
    [...rows.values()].map((row) => [
      row.id,
      row.failing.map((f) => `${f.skuId}|${f.groupId ?? "direct"}|${f.error}`).sort(),
    ]),
  );
  expect(listed).toEqual(expected);
}

describe("the list reads the beta assignment errors when it can, and v1.0 when it cannot", () => {
  it("reads the beta API when the app may, with Microsoft's own words for each error", async () => {
    const { plan, done, rows, events } = await list();
    expect(plan.way).toBe("beta");
    expect(done.way).toBe("beta");
    await expectExactlyTheTenantsErrors(rows);
    const dependency = [...rows.values()]
      .flatMap((row) => row.failing)
      .find((f) => f.error === "DependencyViolation");
    expect(dependency?.graphMessage).toMatch(/cannot be assigned without/);
    expect(events.filter((e) => e.type === "progress").at(-1)).toMatchObject({ unit: "errors" });
  });

  it.each([
    { name: "403 (no permission)", api: "forbidden" as const, says: /answered 403/ },
    { name: "404 (not in this cloud)", api: "notFound" as const, says: /not available .* \(404\)/ },
  ])("falls back to the whole directory when the beta API answers $name", async ({ api, says }) => {
    await t.client.setCloudLicensingApi(api);
    const { plan, done, rows } = await list();
    expect(plan.way).toBe("directory");
    expect(plan.reason).toMatch(says);
    expect(done).toMatchObject({ way: "directory" });
    await expectExactlyTheTenantsErrors(rows);
    expect(
      loggedLines(/^\[graph\] GET \/beta\/admin\/cloudLicensing\/assignmentErrors/),
    ).toHaveLength(1);
  });

  it("falls back when the beta API refuses the request with a 400", async () => {
    await t.control("POST", "/_emulator/faults", { path: BETA_PATH, status: 400, times: 1 });
    const { plan, rows } = await list();
    expect(plan.way).toBe("directory");
    expect(plan.reason).toMatch(/refused the request \(400\)/);
    await expectExactlyTheTenantsErrors(rows);
    expect(loggedLines(/^\[graph\] GET \/beta\/.* 400 /)).toHaveLength(1);
  });

  it("falls back when the beta API's answer is malformed JSON every time", async () => {
    await t.control("POST", "/_emulator/faults", {
      path: BETA_PATH,
      malformedBody: true,
      times: 100,
    });
    const { plan, rows } = await list();
    expect(plan.way).toBe("directory");
    expect(plan.reason).toMatch(/cannot read/);
    await expectExactlyTheTenantsErrors(rows);
    expect(
      loggedLines(/^\[graph\] GET \/beta\/.*(could not be read|retry)/).length,
    ).toBeGreaterThan(0);
  });

  it("starts again through v1.0 when a later beta page stops making sense, and ends exact", async () => {
    await t.client.generate({ users: 4_500, groups: 30, usersInError: 1_400, seed: 4 });
    // Slow pages, so the second is still on its way when the first page's rows arrive.
    await t.client.setLatency(300);
    const { plan, done, rows, events } = await list(async () => {
      // From now on every try of a beta page is cut short.
      await t.control("POST", "/_emulator/faults", {
        path: BETA_PATH,
        malformedBody: true,
        times: 100,
      });
    });
    expect(plan.way).toBe("beta");
    expect(events.some((e) => e.type === "reset")).toBe(true);
    expect(done.way).toBe("directory");
    await expectExactlyTheTenantsErrors(rows);
    loggedLines(/^\[graph\]/);
  });

  it.each([
    { api: "available" as const, way: "beta" },
    { api: "forbidden" as const, way: "directory" },
  ])(
    "finds users in error through direct licenses only (beta $api): no group shows them",
    async ({ api, way }) => {
      await t.client.generate({
        users: 400,
        groups: 8,
        usersInError: 0,
        directErrors: 24,
        seed: 5,
      });
      await t.client.setCloudLicensingApi(api);
      const { done, rows } = await list();
      expect(done.way).toBe(way);
      expect(rows.size).toBe(24);
      expect([...rows.values()].every((row) => row.failing.every((f) => f.groupId === null))).toBe(
        true,
      );
      await expectExactlyTheTenantsErrors(rows);
      loggedLines(/^\[graph\]/);
    },
  );
});
