import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { recordHistory } from "./append";
import type { HistoryDraft } from "./draft";
import { exportHistory } from "./list-history";

const TENANT = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";
const RECORDS = 1_150;

const draft = (n: number): HistoryDraft => ({
  tenantId: TENANT,
  action: "user.reprocessed",
  actor: { kind: "person", oid: "oid-adele", name: "Adele Vance" },
  summary: `write ${n}`,
  outcome: n % 2 ? "resolved" : "failed",
  detail: { n },
});

const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe.each(DIALECTS)("history exports on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("exports every record once, newest first, across a small first page and the full pages after it", async () => {
    const { database } = testDb();
    await recordHistory(
      database,
      Array.from({ length: RECORDS }, (_, i) => draft(i + 1)),
      1_000,
    );
    const source = async () => ({ database, tenantId: TENANT });
    const csv = parse(await text(exportHistory(source, {}, "csv")), {
      columns: true,
      bom: true,
    }) as { seq: string }[];
    expect(csv.map((row) => Number(row.seq))).toEqual(
      Array.from({ length: RECORDS }, (_, i) => RECORDS - i),
    );
    const lines = (await text(exportHistory(source, { outcome: "failed" }, "jsonl")))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { seq: number; detail: { n: number } });
    expect(lines.map((l) => l.seq)).toEqual(
      Array.from({ length: RECORDS / 2 }, (_, i) => RECORDS - 2 * i),
    );
    expect(lines[0]!.detail).toEqual({ n: RECORDS });
  });
});
