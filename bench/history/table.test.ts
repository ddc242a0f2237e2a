import { describe, expect, it } from "vitest";
import {
  formatHistoryTable,
  judgeHistory,
  percentile,
  ratioToSqlite,
  type ShapeFigures,
} from "./table";

const sqlite: ShapeFigures = {
  database: "SQLite",
  shape: "no filter, first page",
  records: 1_000_000,
  p50Ms: 2,
  p95Ms: 4,
  samples: 200,
};
const postgres: ShapeFigures = { ...sqlite, database: "PostgreSQL", p50Ms: 3, p95Ms: 6 };

describe("history bench table", () => {
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentile(samples, 50)).toBe(100);
    expect(percentile(samples, 95)).toBe(190);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it("misses a shape whose p95 is not under 50 ms, on either database, and names it", () => {
    expect(judgeHistory([sqlite, postgres, { ...postgres, p95Ms: 49.9 }])).toEqual([]);
    const misses = judgeHistory([
      sqlite,
      { ...postgres, shape: "product + code, deep page", p95Ms: 50 },
    ]);
    expect(misses).toEqual([
      "history PostgreSQL product + code, deep page: p95 50.0 ms (target under 50 ms)",
    ]);
    expect(judgeHistory([{ ...sqlite, p95Ms: Number.NaN }])).toHaveLength(1);
  });

  it("sets PostgreSQL beside SQLite on the same shape, with the ratio of their p95s", () => {
    expect(ratioToSqlite(postgres, [sqlite, postgres])).toBe("1.50×");
    expect(ratioToSqlite(sqlite, [sqlite, postgres])).toBe("");
    expect(ratioToSqlite(postgres, [postgres])).toBe("—");
    const other = { ...sqlite, shape: "outcome failed, deep page" };
    const table = formatHistoryTable([
      sqlite,
      other,
      postgres,
      { ...other, database: "PostgreSQL" },
    ]);
    const lines = table.split("\n");
    expect(lines[2]).toMatch(
      /^\| SQLite +\| no filter, first page +\| 1,000,000 \| 2\.00 ms \| 4\.00 ms \| +0\.08× \| +\|$/,
    );
    expect(lines[3]).toMatch(
      /^\| PostgreSQL \| no filter, first page .* 6\.00 ms \| +0\.12× \| +1\.50× \|$/,
    );
    expect(lines[4]).toMatch(/^\| SQLite +\| outcome failed/);
    expect(lines.at(-1)).toBe("Every target met.");
  });

  it("closes with the misses instead when a target is missed", () => {
    const table = formatHistoryTable([sqlite, { ...postgres, p95Ms: 61.25 }]);
    expect(table.split("\n").at(-1)).toBe(
      "Missed: history PostgreSQL no filter, first page: p95 61.3 ms (target under 50 ms).",
    );
  });
});
