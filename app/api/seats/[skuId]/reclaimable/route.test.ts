import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { getReclaimableSeatsResponseSchema } from "@/lib/api/seats";
import {
  grantSignInActivity,
  PROCESSED_AT,
  type ReclaimPeople,
  REPORT_AUTHORS,
  seedReclaimTenant,
} from "@/lib/server/licensing/reclaim/testing/reclaim-tenant";
import {
  apiRequest,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { loggedLines } from "@/lib/testing/console-capture";
import { GET } from "./route";

let t: TestEmulator;
let people: ReclaimPeople;
let skuId: string;

beforeAll(async () => {
  t = await startTestEmulator();
  ({ people, powerBiSkuId: skuId } = await seedReclaimTenant(t));
});
afterAll(() => t.close());

const path = (sku: string, query = "") =>
  `/api/seats/${encodeURIComponent(sku)}/reclaimable${query}`;

async function reclaimable(query = "", sku = skuId): Promise<Response> {
  return GET(apiRequest(path(sku, query), await t.mint()), segments({ skuId: sku }));
}

async function readList(query = "") {
  const res = await reclaimable(query);
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return getReclaimableSeatsResponseSchema.parse(body);
}

/** Who is listed, by name, with why and their last sign-in. */
const listed = (accounts: { displayName: string; reason: string; lastSignIn: string | null }[]) =>
  accounts.map(({ displayName, reason, lastSignIn }) => ({ displayName, reason, lastSignIn }));

async function expectRefusal(res: Response, status: number, message: RegExp) {
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(Object.keys(body as object)).toEqual(["error"]);
  expect(apiErrorBodySchema.parse(body).error.message).toMatch(message);
}

const direct = { groupId: null, groupName: null, since: PROCESSED_AT };
const group = { groupId: expect.any(String), groupName: REPORT_AUTHORS, since: PROCESSED_AT };

describe("GET /api/seats/{skuId}/reclaimable with AuditLog.Read.All", () => {
  beforeAll(() => grantSignInActivity(t, true));

  it("lists disabled holders, then enabled holders with no sign-in for 90 days or none recorded", async () => {
    const list = await readList();
    expect(list).toMatchObject({ skuId, productName: "Power BI Pro" });
    expect(Date.now() - Date.parse(list.readAt)).toBeLessThan(60_000);

    expect(listed(list.disabled)).toEqual([
      {
        displayName: "Dana Disabled",
        reason: "disabled",
        lastSignIn: people.dana.lastSignInDateTime,
      },
      { displayName: "Dirk Disabled", reason: "disabled", lastSignIn: null },
      {
        displayName: "Dora Disabled",
        reason: "disabled",
        lastSignIn: people.dora.lastSignInDateTime,
      },
    ]);
    expect(list.disabled.every((account) => !account.accountEnabled)).toBe(true);
    expect(list.disabled.map((account) => account.holds)).toEqual([
      [direct],
      [group],
      [direct, group],
    ]);
    expect(list.disabled[0]).toMatchObject({ userPrincipalName: people.dana.userPrincipalName });

    expect(list.inactive.status).toBe("read");
    if (list.inactive.status !== "read") return;
    expect(list.inactive.inactiveDays).toBe(90);
    // Longest unused first: never, then the oldest sign-in. Dora, disabled, is not listed twice.
    expect(listed(list.inactive.accounts)).toEqual([
      { displayName: "Nora Never", reason: "neverSignedIn", lastSignIn: null },
      {
        displayName: "Ivan Inactive",
        reason: "inactive",
        lastSignIn: people.ivan.lastSignInDateTime,
      },
      {
        displayName: "Ines Inactive",
        reason: "inactive",
        lastSignIn: people.ines.lastSignInDateTime,
      },
    ]);
    expect(list.inactive.accounts.every((account) => account.accountEnabled)).toBe(true);
    expect(list.inactive.accounts.map((account) => account.holds)).toEqual([
      [group],
      [direct],
      [group],
    ]);
  });

  it.each([
    ["7", ["Nora Never", "Ivan Inactive", "Ines Inactive", "Mona Month"]],
    ["120", ["Nora Never", "Ivan Inactive"]],
    ["730", ["Nora Never"]],
  ])("takes inactiveDays=%s from the query", async (days, names) => {
    const { inactive } = await readList(`?inactiveDays=${days}`);
    expect(inactive).toMatchObject({ status: "read", inactiveDays: Number(days) });
    if (inactive.status !== "read") return;
    expect(inactive.accounts.map((account) => account.displayName)).toEqual(names);
  });

  it("names no other product's holders and nobody who signed in recently", async () => {
    const { disabled, inactive } = await readList("?inactiveDays=7");
    const names = [...disabled, ...(inactive.status === "read" ? inactive.accounts : [])].map(
      (account) => account.displayName,
    );
    for (const absent of [people.rita, people.otto, people.olga]) {
      expect(names).not.toContain(absent.displayName);
    }
  });
});

describe("GET /api/seats/{skuId}/reclaimable without AuditLog.Read.All", () => {
  beforeAll(() => grantSignInActivity(t, false));

  it("says sign-in activity is unavailable and which permission would show it, and still lists disabled holders", async () => {
    const seq = await t.lastSeq();
    const list = await readList();
    expect(list.inactive).toEqual({
      status: "unavailable",
      missing: [{ permission: "AuditLog.Read.All", enables: "accounts with no recent sign-in" }],
    });
    expect(listed(list.disabled)).toEqual([
      { displayName: "Dana Disabled", reason: "disabled", lastSignIn: null },
      { displayName: "Dirk Disabled", reason: "disabled", lastSignIn: null },
      { displayName: "Dora Disabled", reason: "disabled", lastSignIn: null },
    ]);
    const refused = (await t.client.graphRequests(seq)).filter((call) => call.status === 403);
    expect(refused.map((call) => decodeURIComponent(call.query))).toEqual([
      expect.stringContaining("signInActivity"),
    ]);
    expect(loggedLines(/\[graph\].*403.*→ forbidden/)).toHaveLength(1);
  });
});

describe("GET /api/seats/{skuId}/reclaimable refusals", () => {
  it.each(["power-bi-pro", "f8a1db68-be16-40ed-86d5", "00000000-0000-0000-0000-00000000000g"])(
    "answers 400 to the skuId %j, naming what a skuId is",
    async (sku) => {
      const seq = await t.lastSeq();
      await expectRefusal(await reclaimable("", sku), 400, /^skuId: .*GUID/);
      expect(await t.graphCallsSince(seq)).toEqual([]);
    },
  );

  it.each(["6", "731", "ninety", "90.5", ""])(
    "answers 400 to inactiveDays=%j, naming the range",
    async (days) => {
      const seq = await t.lastSeq();
      const res = await reclaimable(`?inactiveDays=${encodeURIComponent(days)}`);
      await expectRefusal(res, 400, /^inactiveDays: Give a whole number of days from 7 to 730\.$/);
      expect(await t.graphCallsSince(seq)).toEqual([]);
    },
  );

  it("answers 404 to a product the tenant does not subscribe to", async () => {
    const unknown = "0c9ba3f6-7a42-4e55-9b2c-6f0d3c1e8a47";
    await expectRefusal(
      await reclaimable("", unknown),
      404,
      new RegExp(`no subscription.*${unknown}`),
    );
  });
});
