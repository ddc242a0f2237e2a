import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LicenseErrorRow,
  type LicenseErrorsStreamEvent,
  licenseErrorsStreamEventSchema,
} from "@/lib/api/license-errors";
import {
  apiRequest,
  LEE,
  readNdjson,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { GET } from "./route";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

interface EmulatorState {
  usersInError: {
    id: string;
    failing: { skuId: string; assignedByGroup: string | null; error: string; state: string }[];
  }[];
}

async function load(token: string, query = "") {
  const res = await GET(apiRequest(`/api/license-errors${query}`, token));
  const events = (await readNdjson<LicenseErrorsStreamEvent>(res)).map((e) =>
    licenseErrorsStreamEventSchema.parse(e),
  );
  const rows = events.flatMap((e) => (e.type === "rows" ? e.rows : []));
  return { res, events, rows };
}

const key = (f: { skuId: string; groupId: string | null; error: string }) =>
  `${f.skuId}|${f.groupId ?? "direct"}|${f.error}`;

describe("GET /api/license-errors", () => {
  it("streams exactly the users the emulator has in error, with every failing assignment", async () => {
    const { res, events, rows } = await load(await t.mint(), "?refresh=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);

    const state = await t.control<EmulatorState>("GET", "/_emulator/state");
    expect(rows.map((r) => r.id).sort()).toEqual(state.usersInError.map((u) => u.id).sort());
    for (const user of state.usersInError) {
      const row = rows.find((r) => r.id === user.id) as LicenseErrorRow;
      expect(row.failing.map(key).sort()).toEqual(
        user.failing
          .map((f) => key({ skuId: f.skuId, groupId: f.assignedByGroup, error: f.error }))
          .sort(),
      );
    }
    const done = events.at(-1);
    expect(done).toMatchObject({ type: "done", total: rows.length, fromCache: false });
    // The beta API gives no total: progress counts the errors read, and every user was found.
    expect(events.filter((e) => e.type === "progress").at(-1)).toMatchObject({
      unit: "errors",
      found: rows.length,
    });
  });

  it("names products and groups and explains every code in plain words", async () => {
    const { rows } = await load(await t.mint());
    const failing = rows.flatMap((r) => r.failing);
    const codes = new Set(failing.map((f) => f.error));
    expect(codes).toEqual(
      new Set([
        "CountViolation",
        "MutuallyExclusiveViolation",
        "DependencyViolation",
        "ProhibitedInUsageLocationViolation",
        "UniquenessViolation",
        "Other",
      ]),
    );
    for (const f of failing) {
      expect(f.productName).not.toMatch(/^[0-9a-f]{8}-/);
      if (f.groupId) expect(f.groupName).toBeTruthy();
      expect(f.explanation.cause.length).toBeGreaterThan(20);
      expect(f.explanation.fix.length).toBeGreaterThan(20);
    }
    const count = failing.find((f) => f.error === "CountViolation");
    expect(count?.seats).toMatchObject({
      prepaid: expect.any(Number),
      consumed: expect.any(Number),
    });
    expect(failing.find((f) => f.error === "Other")?.explanation.fixFirst).toBe(false);
  });

  it("answers a second load from the cache and rescans on refresh", async () => {
    const token = await t.mint();
    await load(token, "?refresh=1");
    const seq = await t.lastSeq();
    const cached = await load(token);
    expect(cached.events.at(-1)).toMatchObject({ type: "done", fromCache: true });
    expect(await t.graphCallsSince(seq)).toEqual([]);
    const fresh = await load(token, "?refresh=1");
    expect(fresh.events.at(-1)).toMatchObject({ type: "done", fromCache: false });
    expect((await t.graphCallsSince(seq)).length).toBeGreaterThan(0);
  });

  it("shares a cached list only with callers whose directory roles give them the same answer", async () => {
    await load(await t.mint(), "?refresh=1");
    const seq = await t.lastSeq();
    // Another sign-in of a License Administrator: Graph would answer the same, so the cache does.
    const again = await load(await t.mint({ claims: { uti: crypto.randomUUID() } }));
    expect(again.events.at(-1)).toMatchObject({ type: "done", fromCache: true });
    expect(await t.graphCallsSince(seq)).toEqual([]);
    // A User Administrator reads with other rights: Graph is asked on their behalf.
    const lee = await load(await t.mint({ user: LEE }));
    expect(lee.events.at(-1)).toMatchObject({ type: "done", fromCache: false });
    expect((await t.graphCallsSince(seq)).length).toBeGreaterThan(0);
  });

  it("lets concurrent loads share one scan of the tenant", async () => {
    const token = await t.mint();
    const seq = await t.lastSeq();
    const [a, b] = await Promise.all([load(token, "?refresh=1"), load(token, "?refresh=1")]);
    expect(a.rows.map((r) => r.id).sort()).toEqual(b.rows.map((r) => r.id).sort());
    const groupLists = (await t.graphCallsSince(seq)).filter((c) => c.path === "/v1.0/groups");
    expect(groupLists).toHaveLength(1);
  });
});
