import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { getReclaimableSeatsResponseSchema, type ReclaimableAccount } from "@/lib/api/seats";
import {
  grantSignInActivity,
  seedReclaimTenant,
} from "@/lib/server/licensing/reclaim/testing/reclaim-tenant";
import {
  apiRequest,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { GET as getJson } from "../reclaimable/route";
import { GET as getCsv } from "./route";

let t: TestEmulator;
let skuId: string;

beforeAll(async () => {
  t = await startTestEmulator();
  ({ powerBiSkuId: skuId } = await seedReclaimTenant(t));
});
afterAll(() => t.close());

const HEADER =
  "reason,display_name,user_principal_name,account_enabled,last_sign_in,held_through,license_state_last_changed";

async function both(query = "") {
  const token = await t.mint();
  const base = `/api/seats/${skuId}/reclaimable`;
  const [csv, json] = await Promise.all([
    getCsv(apiRequest(`${base}.csv${query}`, token), segments({ skuId })),
    getJson(apiRequest(`${base}${query}`, token), segments({ skuId })),
  ]);
  expect(csv.status).toBe(200);
  expect(json.status).toBe(200);
  return { csv, list: getReclaimableSeatsResponseSchema.parse(await json.json()) };
}

/** What a row of the CSV should hold for an account of the JSON answer (no field here needs quotes). */
const rowOf = (account: ReclaimableAccount) =>
  [
    account.reason,
    account.displayName,
    account.userPrincipalName,
    String(account.accountEnabled),
    account.lastSignIn ?? "",
    account.holds.map((hold) => (hold.groupId ? hold.groupName : "direct")).join("; "),
    account.holds.map((hold) => hold.since).join("; "),
  ].join(",");

/** The file's text after its byte order mark, which it must start with. */
async function textOf(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
}

describe("GET /api/seats/{skuId}/reclaimable.csv", () => {
  it("downloads the JSON answer's accounts, disabled first, as UTF-8 with BOM named after the product", async () => {
    await grantSignInActivity(t, true);
    const { csv, list } = await both("?inactiveDays=7");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="licensedesk-reclaimable-power-bi-pro-${list.readAt.slice(0, 10)}.csv"`,
    );
    expect(csv.headers.get("cache-control")).toBe("no-store");
    if (list.inactive.status !== "read") throw new Error("sign-in activity was not read");
    const accounts = [...list.disabled, ...list.inactive.accounts];
    expect(accounts).toHaveLength(7);
    expect((await textOf(csv)).split("\r\n")).toEqual([HEADER, ...accounts.map(rowOf), ""]);
  });

  it("lists the disabled holders only when sign-in activity cannot be read", async () => {
    await grantSignInActivity(t, false);
    const { csv, list } = await both();
    expect(list.inactive.status).toBe("unavailable");
    expect((await textOf(csv)).split("\r\n")).toEqual([HEADER, ...list.disabled.map(rowOf), ""]);
  });

  it("answers a bad inactiveDays in the one JSON error shape, not as a file", async () => {
    const res = await getCsv(
      apiRequest(`/api/seats/${skuId}/reclaimable.csv?inactiveDays=3`, await t.mint()),
      segments({ skuId }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(apiErrorBodySchema.parse(await res.json()).error).toEqual({
      code: "bad_request",
      message: "inactiveDays: Give a whole number of days from 7 to 730.",
    });
  });
});
