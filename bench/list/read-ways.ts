import type { ReadWay } from "@/lib/api/license-errors";
import type { ReadPreference } from "@/lib/server/licensing/reading/read-way";
import type { GraphClient } from "@/lib/server/graph/client";
import { scanLicenseErrors } from "@/lib/server/licensing/scan";
import { ScanRun } from "@/lib/server/licensing/scan-run";
import type { EmulatorControl } from "@/lib/testing/emulator-control";
import { readNaively } from "./naive-read";
import { countLog, type LogCounts, type ReadBudget, readMinimumMs } from "./read-figures";

/** Rows a person sees first: the time to these is what makes the list feel fast. */
export const FIRST_ROWS = 100;

export type ListStrategy = ReadWay | "naive";

export interface ListFigures extends Omit<LogCounts, "pages"> {
  strategy: ListStrategy;
  firstRowsMs: number | null;
  fullMs: number;
  usersListed: number;
  /** Users in error (per the emulator) the way did not list. */
  missed: number;
  /** The read budget's and latency's least time for this way's reads, and the wall time over it. */
  minimumMs: number;
  ratio: number;
  /** The requests that had to follow one another. */
  chain: number;
}

/** Requests that must follow one another in each way, from the pages it read. */
function chainOf(strategy: ListStrategy, counts: LogCounts): number {
  const pages = (path: string) => counts.pages.get(path) ?? 0;
  switch (strategy) {
    // The first page goes out with the survey; each next page needs the one before.
    case "beta":
      return Math.max(1, pages("/admin/cloudLicensing/assignmentErrors"));
    // The survey, then the directory's pages one after another.
    case "directory":
      return 1 + pages("/users");
    // Groups, then a group's members, then their licenses in a `$batch`.
    case "groups":
      return 3;
    case "naive":
      return counts.requests;
  }
}

/** Runs the app's own scan and reports when the first rows and the whole list were there, and how it read. */
async function timeScan(graph: GraphClient, preference: ReadPreference) {
  const run = new ScanRun();
  const started = performance.now();
  let firstRowsMs: number | null = null;
  const watching = (async () => {
    for await (const event of run.events()) {
      if (event.type === "rows" && firstRowsMs === null && run.rows.size >= FIRST_ROWS) {
        firstRowsMs = performance.now() - started;
      }
    }
  })();
  await scanLicenseErrors(graph, run, preference);
  const fullMs = performance.now() - started;
  await watching;
  const way: ListStrategy = run.way?.way ?? "directory";
  return { firstRowsMs, fullMs, ids: [...run.rows.keys()], way };
}

async function timeNaive(graph: GraphClient) {
  const started = performance.now();
  let firstRowsMs: number | null = null;
  const ids: string[] = [];
  await readNaively(graph, (id, count) => {
    ids.push(id);
    if (count === FIRST_ROWS) firstRowsMs = performance.now() - started;
  });
  return { firstRowsMs, fullMs: performance.now() - started, ids, way: "naive" as const };
}

/**
 * One strategy on the emulator's current tenant, from a full budget and an empty request log: its times,
 * its costs from the log, and what it missed compared with the emulator's own state.
 */
export async function measureListStrategy(options: {
  /** A way the app may take (`auto` lets it choose), or the naive script. */
  strategy: ReadPreference | "naive";
  graph: GraphClient;
  emulator: EmulatorControl;
  budget: ReadBudget;
  inError: ReadonlySet<string>;
}): Promise<ListFigures> {
  const { strategy, graph, emulator, budget, inError } = options;
  await emulator.clearRequests();
  const timed = strategy === "naive" ? await timeNaive(graph) : await timeScan(graph, strategy);
  const { pages, ...counts } = countLog(await emulator.graphRequests());
  const chain = chainOf(timed.way, { pages, ...counts });
  const minimumMs = readMinimumMs(counts.resourceUnits, chain, budget);
  const listed = new Set(timed.ids.map((id) => id.toLowerCase()));
  return {
    strategy: timed.way,
    ...counts,
    firstRowsMs: timed.firstRowsMs,
    fullMs: timed.fullMs,
    usersListed: listed.size,
    missed: [...inError].filter((id) => !listed.has(id.toLowerCase())).length,
    minimumMs,
    ratio: timed.fullMs / minimumMs,
    chain,
  };
}
