import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { historyRecordDetailSchema, listHistoryResponseSchema } from "@/lib/api/history";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import { recordHistory } from "@/lib/server/history/append";
import type { HistoryDraft } from "@/lib/server/history/draft";
import {
  apiRequest,
  ISAIAH,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { GET as exportCsv } from "./export.csv/route";
import { GET as exportJsonLines } from "./export.jsonl/route";
import { GET as getRecord } from "./records/[seq]/route";
import { GET as list } from "./route";

const ADELE = "00000000-0000-4000-8000-00000000000a";
const LEE = "00000000-0000-4000-8000-00000000000b";
const POWER_BI = "f8a1db68-be16-40ed-86d5-cb42ce701560";
const E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
const DAY = 86_400_000;
const START = Date.parse("2026-11-01T00:00:00Z");

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

/** 30 records over 30 days: two people, three users, two products, outcomes by turn. */
beforeEach(async () => {
  const database = await getAppDatabase();
  await emptyTables(database);
  for (let i = 0; i < 30; i++) {
    const draft: HistoryDraft = {
      tenantId: t.tenantId,
      action: i % 10 === 0 ? "job.created" : "user.reprocessed",
      actor: { kind: "person", oid: i % 2 ? LEE : ADELE, name: i % 2 ? "Lee Gu" : "Adele Vance" },
      target: {
        userId: `0000000${i % 3}-1111-4111-8111-111111111111`,
        upn: `user${i % 3}@contoso.com`,
        displayName: `User ${i % 3}`,
      },
      graphMode: "delegated",
      outcome: i % 4 === 0 ? "still_in_error" : "resolved",
      summary: `write ${i}`,
      terms: {
        skuIds: [i % 5 === 0 ? E3 : POWER_BI],
        codes: [i % 5 === 0 ? "MutuallyExclusiveViolation" : "CountViolation"],
      },
      detail: { n: i },
    };
    await recordHistory(database, [draft], START + i * DAY);
  }
});

const get = async (path: string, route = list, user?: string) => {
  const res = await route(apiRequest(path, await t.mint(user ? { user } : {})), segments({}));
  return res;
};
const page = async (query: string) => {
  const res = await get(`/api/history${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return listHistoryResponseSchema.parse(await res.json());
};
const summaries = (p: { records: { summary: string }[] }) => p.records.map((r) => r.summary);

describe("GET /api/history", () => {
  it("lists every write newest first, a page at a time, the cursor leading to the next", async () => {
    const first = await page("?limit=12");
    expect(summaries(first)).toEqual(Array.from({ length: 12 }, (_, i) => `write ${29 - i}`));
    const second = await page(`?limit=12&cursor=${first.nextCursor}`);
    const third = await page(`?limit=12&cursor=${second.nextCursor}`);
    expect(third.records).toHaveLength(6);
    expect(third.nextCursor).toBeNull();
    expect([...first.records, ...second.records, ...third.records].map((r) => r.seq)).toEqual(
      Array.from({ length: 30 }, (_, i) => 30 - i),
    );
  });

  it("filters by actor, user (id or UPN), product, error code, action, outcome and dates, together", async () => {
    expect(summaries(await page(`?actor=${LEE}&limit=200`))).toHaveLength(15);
    expect(summaries(await page("?user=user1@contoso.com&limit=200"))).toHaveLength(10);
    expect(
      summaries(await page("?user=00000001-1111-4111-8111-111111111111&limit=200")),
    ).toHaveLength(10);
    expect(summaries(await page(`?product=${E3}`))).toEqual([
      "write 25",
      "write 20",
      "write 15",
      "write 10",
      "write 5",
      "write 0",
    ]);
    expect(summaries(await page("?code=MutuallyExclusiveViolation&action=job.created"))).toEqual([
      "write 20",
      "write 10",
      "write 0",
    ]);
    expect(
      summaries(await page(`?product=${POWER_BI}&code=CountViolation&outcome=still_in_error`)),
    ).toEqual(["write 28", "write 24", "write 16", "write 12", "write 8", "write 4"]);
    const from = new Date(START + 10 * DAY).toISOString();
    const to = new Date(START + 13 * DAY).toISOString();
    expect(summaries(await page(`?from=${from}&to=${to}`))).toEqual([
      "write 12",
      "write 11",
      "write 10",
    ]);
    expect(summaries(await page(`?from=${from}&to=${to}&actor=${ADELE}`))).toEqual([
      "write 12",
      "write 10",
    ]);
  });

  it("keeps every record of a batch (one time for all) inside a date range that starts or ends on it", async () => {
    const database = await getAppDatabase();
    const batch = (n: number): HistoryDraft => ({
      tenantId: t.tenantId,
      action: "job.item_finished",
      actor: { kind: "person", oid: ADELE, name: "Adele Vance" },
      summary: `batch ${n}`,
    });
    await recordHistory(database, [batch(1), batch(2), batch(3)], START + 40 * DAY);
    const at = (day: number) => new Date(START + day * DAY).toISOString();
    expect(summaries(await page(`?from=${at(40)}&to=${at(41)}`))).toEqual([
      "batch 3",
      "batch 2",
      "batch 1",
    ]);
    expect(summaries(await page(`?from=${at(29)}&to=${at(40)}`))).toEqual(["write 29"]);
    expect(summaries(await page(`?from=${at(29)}`))).toEqual([
      "batch 3",
      "batch 2",
      "batch 1",
      "write 29",
    ]);
  });

  it("refuses a bad filter with 400 and says which, and a misspelt one rather than showing everything", async () => {
    for (const [query, said] of [
      ["?actor=adele", "actor"],
      ["?limit=500", "limit is at most 200"],
      ["?from=yesterday", "from is a date and time"],
      [
        `?from=${new Date(START + DAY).toISOString()}&to=${new Date(START).toISOString()}`,
        "from must be before to",
      ],
      ["?usr=user1@contoso.com", "usr"],
      ["?cursor=abc", "cursor"],
    ] as const) {
      const res = await get(`/api/history${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(said);
    }
  });

  it("shows a reader the history, and one record with its detail; a record that is not there is a 404", async () => {
    expect((await get("/api/history", list, ISAIAH)).status).toBe(200);
    const res = await getRecord(
      apiRequest("/api/history/records/7", await t.mint()),
      segments({ seq: "7" }),
    );
    const record = historyRecordDetailSchema.parse(await res.json());
    expect(record).toMatchObject({
      seq: 7,
      summary: "write 6",
      actor: { name: "Adele Vance" },
      detail: { n: 6 },
    });
    const gone = await getRecord(
      apiRequest("/api/history/records/99", await t.mint()),
      segments({ seq: "99" }),
    );
    expect(gone.status).toBe(404);
  });

  it("exports a filtered view as CSV and as JSON Lines with the same records as the page", async () => {
    const query = `?product=${POWER_BI}&outcome=resolved`;
    const shown = await page(`${query}&limit=200`);
    const csv = await get(`/api/history/export.csv${query}`, exportCsv);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="licensedesk-history-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "seq,at,action,actor_kind,actor_name,actor_oid,rule_id,user_principal_name,display_name,user_id,graph_mode,outcome,products,codes,job_id,summary,hash",
    );
    expect(lines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(
      shown.records.map((r) => r.seq),
    );
    const jsonl = await get(`/api/history/export.jsonl${query}`, exportJsonLines);
    const records = (await jsonl.text())
      .trim()
      .split("\n")
      .map((l) => historyRecordDetailSchema.parse(JSON.parse(l)));
    expect(records.map((r) => r.seq)).toEqual(shown.records.map((r) => r.seq));
    expect(records[0]!.detail).toEqual({ n: Number(records[0]!.summary.split(" ")[1]) });
  });
});
