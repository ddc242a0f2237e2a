import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LicenseErrorsStreamEvent } from "@/lib/api/license-errors";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import {
  apiRequest,
  readNdjson,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { GET } from "./route";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ LICENSE_ERRORS_READ: "groups" });
});
afterAll(() => t.close());
beforeEach(async () => {
  // A 429 holds the shared budget until its Retry-After; each case starts with a fresh one.
  await emptyTables(await getAppDatabase());
  await t.client.reset({ to: "demo" });
  await t.client.clearGraphFaults();
});

async function listIds() {
  const res = await GET(apiRequest("/api/license-errors?refresh=1", await t.mint()));
  const events = await readNdjson<LicenseErrorsStreamEvent>(res);
  const ids = events.flatMap((e) => (e.type === "rows" ? e.rows.map((r) => r.id) : [])).sort();
  return { events, ids };
}

describe("GET /api/license-errors read group by group (LICENSE_ERRORS_READ=groups)", () => {
  it("sends throttled $batch items again and still lists everyone", async () => {
    const { ids: expected } = await listIds();
    // User ids have dashes; `/users/$count` does not, so only the batched reads are throttled.
    await t.control("POST", "/_emulator/faults", {
      path: "/users/*-*",
      method: "GET",
      status: 429,
      times: 15,
      retryAfter: 0.05,
    });
    const { events, ids } = await listIds();
    expect(events.at(-1)).toMatchObject({ type: "done", way: "groups" });
    expect(ids).toEqual(expected);
    const faults = await t.control<{ faults: { applied: number }[] }>("GET", "/_emulator/faults");
    expect(faults.faults[0]?.applied).toBe(15);
  });

  it("says in its plan that it cannot see licenses assigned directly", async () => {
    const { events } = await listIds();
    const plan = events.find((e) => e.type === "plan");
    expect(plan).toMatchObject({ type: "plan", way: "groups" });
    const groups = plan?.type === "plan" ? plan.estimates.find((e) => e.way === "groups") : null;
    expect(groups?.note).toMatch(/direct licenses in error are missed/);
  });
});
