import { type FirstLoadJs, type GridFigures, INTERACTIONS, type Interaction } from "./grid";

/** The goal: no task of 50 ms or more in any interaction. */
export const LONG_TASK_MS = 50;

const NAMES: Record<Interaction, string> = {
  search: "search (10 keys, 100 ms apart)",
  filter: "error chip on, then off",
  sort: "sort by user ↑ ↓ off",
  selectAll: "select all, then clear",
  scroll: "scroll top to bottom (wheel steps)",
};

/** The interactions that had a long task, for the verdict. */
export const slowInteractions = (grid: GridFigures): Interaction[] =>
  INTERACTIONS.filter((name) => grid.interactions[name].longTaskMs >= LONG_TASK_MS);

const ms = (value: number, floor: number) => (value === 0 ? `<${floor}` : String(value));

/** A Markdown table of the figures, one interaction a row, and the first-load JavaScript under it. */
export function formatTable(grid: GridFigures, js: FirstLoadJs | null): string {
  const header = [
    "interaction",
    "rows shown",
    "longest task (ms)",
    "per round",
    "longest frame (ms)",
    "longest event (ms)",
  ];
  const rows = INTERACTIONS.map((name) => {
    const f = grid.interactions[name];
    return [
      NAMES[name],
      f.rowsShown.toLocaleString("en-US"),
      ms(f.longTaskMs, LONG_TASK_MS),
      f.longTaskMsPerRound.map((value) => ms(value, LONG_TASK_MS)).join(" "),
      ms(f.frameMs, 25),
      ms(f.eventMs, 16),
    ];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  const table = [line(header), rule, ...rows.map(line)].join("\n");
  const total = `${grid.totalRows.toLocaleString("en-US")} rows in the list`;
  const { typed, boxShows } = grid.search;
  const lostKeys =
    typed === boxShows ? "" : `the search box lost keys: typed "${typed}", it shows "${boxShows}"`;
  const firstLoad = js
    ? `first-load JS of the dashboard: ${js.kB} kB in ${js.scripts} scripts (served ${js.encodings.join(", ")})`
    : "";
  return [table, total, lostKeys, firstLoad].filter(Boolean).join("\n");
}
