import { describe, expect, it } from "vitest";
import type { GridFigures, InteractionFigures } from "./grid";
import { formatTable, slowInteractions } from "./grid-table";

const quiet: InteractionFigures = {
  rowsShown: 10_000,
  longTaskMs: 0,
  frameMs: 33,
  eventMs: 24,
  longTaskMsPerRound: [0, 0, 0],
};

const figures = (overrides: Partial<GridFigures["interactions"]> = {}): GridFigures => ({
  totalRows: 10_000,
  search: { typed: "adele.vanc", boxShows: "adele.vanc" },
  interactions: {
    search: quiet,
    filter: quiet,
    sort: quiet,
    selectAll: quiet,
    scroll: quiet,
    ...overrides,
  },
});

describe("slowInteractions", () => {
  it("names the interactions with a task of 50 ms or more, and only those", () => {
    const grid = figures({
      sort: { ...quiet, longTaskMs: 50 },
      scroll: { ...quiet, longTaskMs: 49 },
    });
    expect(slowInteractions(grid)).toEqual(["sort"]);
  });
});

describe("formatTable", () => {
  it("shows no long task as under 50 ms, not as 0", () => {
    expect(formatTable(figures(), null)).toMatch(/ <50 \| <50 <50 <50 \|/);
  });

  it("says when the search box lost keys", () => {
    const grid = { ...figures(), search: { typed: "adele.vanc", boxShows: "dele.vnc" } };
    expect(formatTable(grid, null)).toContain('typed "adele.vanc", it shows "dele.vnc"');
  });

  it("gives the first-load JavaScript with how it was served", () => {
    const js = { kB: 341.4, scripts: 13, encodings: ["gzip"] };
    expect(formatTable(figures(), js)).toContain("341.4 kB in 13 scripts (served gzip)");
  });
});
