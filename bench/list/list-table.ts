import type { ListFigures } from "./read-ways";

/** What the chosen way must do, per issue 10. */
export const LIST_TARGETS = {
  firstRowsMs: 2_000,
  ratio: 1.25,
  fasterThanCurrent: 3,
  fasterThanNaive: 10,
};

const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(2)} s`);
const pad = (text: string, width: number, right = false) =>
  right ? text.padStart(width) : text.padEnd(width);

/** The list scenario's table in Markdown, one row per way, with wall-time ratios to the chosen way. */
export function formatListTable(rows: (ListFigures & { name: string })[], chosen: ListFigures) {
  const header = [
    "way",
    "first 100 rows",
    "full list",
    "users listed",
    "missed",
    "requests",
    "$batch items",
    "ResourceUnits",
    "429s",
    "chain",
    "minimum",
    "÷ minimum",
    "full ÷ chosen",
  ];
  const cells = rows.map((row) => [
    row.name,
    seconds(row.firstRowsMs),
    seconds(row.fullMs),
    row.usersListed.toLocaleString("en"),
    row.missed.toLocaleString("en"),
    row.requests.toLocaleString("en"),
    row.batchItems.toLocaleString("en"),
    row.resourceUnits.toLocaleString("en"),
    String(row.throttled),
    row.chain.toLocaleString("en"),
    seconds(row.minimumMs),
    row.ratio.toFixed(3),
    `${(row.fullMs / chosen.fullMs).toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) =>
    `| ${values.map((v, i) => pad(v, widths[i]!, i > 0)).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...cells.map(line),
  ].join("\n");
}

/** The targets the chosen way misses, each with its measured figure; empty when it meets them all. */
export function judgeList(
  chosen: ListFigures,
  current: ListFigures,
  naive: ListFigures | undefined,
): string[] {
  const misses: string[] = [];
  if (chosen.firstRowsMs === null || chosen.firstRowsMs >= LIST_TARGETS.firstRowsMs) {
    misses.push(`first 100 rows in ${seconds(chosen.firstRowsMs)} (target < 2 s)`);
  }
  if (chosen.ratio > LIST_TARGETS.ratio) {
    misses.push(
      `full list ${chosen.ratio.toFixed(3)}× its minimum (target ≤ ${LIST_TARGETS.ratio})`,
    );
  }
  if (chosen.throttled > 0) misses.push(`${chosen.throttled} requests answered 429 (target 0)`);
  if (chosen.missed > 0) misses.push(`${chosen.missed} users in error not listed (target 0)`);
  const vsCurrent = current.fullMs / chosen.fullMs;
  if (vsCurrent < LIST_TARGETS.fasterThanCurrent) {
    misses.push(`${vsCurrent.toFixed(2)}× faster than the current way (target ≥ 3×)`);
  }
  if (naive) {
    const vsNaive = naive.fullMs / chosen.fullMs;
    if (vsNaive < LIST_TARGETS.fasterThanNaive) {
      misses.push(`${vsNaive.toFixed(2)}× faster than the naive way (target ≥ 10×)`);
    }
  }
  return misses;
}
