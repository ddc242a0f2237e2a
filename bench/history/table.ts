/** One shape's timings on one database. */
export interface ShapeFigures {
  /** "SQLite" or "PostgreSQL". */
  database: string;
  shape: string;
  /** Records of the tenant read. */
  records: number;
  p50Ms: number;
  p95Ms: number;
  /** Timed runs behind the percentiles. */
  samples: number;
}

export const TARGET_P95_MS = 50;
const SQLITE = "SQLite";

/** The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Every p95 must be under the target, on every database. */
export const judgeHistory = (rows: readonly ShapeFigures[]): string[] =>
  rows
    .filter((row) => !(row.p95Ms < TARGET_P95_MS))
    .map(
      (row) =>
        `history ${row.database} ${row.shape}: p95 ${ms(row.p95Ms)} (target under ${TARGET_P95_MS} ms)`,
    );

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const count = (n: number) => n.toLocaleString("en-US");

/** A ratio to SQLite's p95 on the same shape; blank on SQLite's own rows or when it has none. */
export function ratioToSqlite(row: ShapeFigures, rows: readonly ShapeFigures[]): string {
  if (row.database === SQLITE) return "";
  const sqlite = rows.find((r) => r.database === SQLITE && r.shape === row.shape);
  if (!sqlite || !(sqlite.p95Ms > 0)) return "—";
  return `${(row.p95Ms / sqlite.p95Ms).toFixed(2)}×`;
}

/** The printed table, each shape's databases side by side, then whether every target was met. */
export function formatHistoryTable(rows: readonly ShapeFigures[]): string {
  const shapes = [...new Set(rows.map((r) => r.shape))];
  const ordered = shapes.flatMap((shape) => rows.filter((r) => r.shape === shape));
  const header = [
    "database",
    "shape",
    "records",
    "p50",
    "p95",
    `p95 ÷ ${TARGET_P95_MS} ms`,
    "PostgreSQL ÷ SQLite",
  ];
  const cells = ordered.map((row) => [
    row.database,
    row.shape,
    count(row.records),
    ms(row.p50Ms),
    ms(row.p95Ms),
    `${(row.p95Ms / TARGET_P95_MS).toFixed(2)}×`,
    ratioToSqlite(row, rows),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(" | ")} |`;
  const misses = judgeHistory(rows);
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...cells.map(line),
    misses.length === 0 ? "Every target met." : `Missed: ${misses.join("; ")}.`,
  ].join("\n");
}
