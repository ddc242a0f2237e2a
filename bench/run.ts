// `npm run bench`: the list scenario (reading 10,000 users in error out of 50,000, every way), the
// bulk scenario (2,000 users reprocessed three ways), side by side in one run against one emulator
// process, and the history scenario (a million records read on SQLite and PostgreSQL). Prints the tables,
// writes bench/results.json, and exits non-zero when a target is missed.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type AppPhaseResult, benchApp } from "./app-phase";
import { benchBulk, type BulkBenchResult } from "./bulk";
import { BenchEmulator } from "./bulk/emulator";
import { benchHistory, type HistoryBenchResult } from "./history";
import { benchList, type ListBenchResult } from "./list";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "2000" },
    only: { type: "string" },
    "skip-naive": { type: "boolean", default: false },
    "skip-app": { type: "boolean", default: false },
    "history-records": { type: "string", default: "1000000" },
    "history-runs": { type: "string", default: "200" },
  },
});

// The Graph client logs every 429 and failure it maps (tens of thousands when unpaced): counted, not printed.
let graphLogLines = 0;
for (const level of ["error", "warn"] as const) {
  const print = console[level].bind(console);
  console[level] = (...parts: unknown[]) => {
    if (typeof parts[0] === "string" && parts[0].startsWith("[graph]")) graphLogLines += 1;
    else print(...parts);
  };
}
const takeLogLines = () => {
  const lines = graphLogLines;
  graphLogLines = 0;
  return lines;
};

const RESULTS = new URL("./results.json", import.meta.url);

/** The figures the last run wrote. */
async function previousResults(): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(RESULTS, "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function main(): Promise<number> {
  let list: ListBenchResult | undefined;
  let app: AppPhaseResult | undefined;
  let bulk: BulkBenchResult | undefined;
  let history: HistoryBenchResult | undefined;
  // The history scenario reads databases only: no emulator.
  if (args.only !== "history") {
    const emulator = await BenchEmulator.start();
    try {
      // The app's configuration, for this process only: the emulator, app-only Graph.
      process.env.EMULATOR_URL = emulator.url;
      process.env.GRAPH_MODE = "app-only";
      if (args.only !== "bulk" && args.only !== "ours") {
        list = await benchList(emulator, { naive: !args["skip-naive"] });
        console.log(`list: ${takeLogLines()} Graph client log lines not printed`);
      }
      if (args.only !== "bulk" && args.only !== "ours" && !args["skip-app"]) {
        // A job's first two minutes: at the emulator's pace the whole job would take far longer.
        app = await benchApp({ jobRunMs: 120_000 });
        console.log(`app: ${takeLogLines()} Graph client log lines not printed`);
      }
      if (args.only !== "list") {
        bulk = await benchBulk(emulator, {
          users: Number(args.users),
          oursOnly: args.only === "ours",
          graphLogLines: takeLogLines,
        });
      }
    } finally {
      await emulator.stop();
    }
  }
  if (args.only === undefined || args.only === "history") {
    history = await benchHistory({
      records: Number(args["history-records"]),
      runs: Number(args["history-runs"]),
    });
  }
  const measuredAt = new Date().toISOString();
  const previous = await previousResults();
  // A scenario this run skipped keeps its last figures, with the time they were measured.
  const carried = (key: string) => {
    const last = previous[key];
    return last && typeof last === "object"
      ? { measuredAt: previous.measuredAt, ...last }
      : undefined;
  };
  const results = {
    measuredAt,
    list: list ? { rows: list.rows, misses: list.misses } : carried("list"),
    app: app
      ? {
          grid: app.grid,
          firstLoadJs: app.js,
          footprint: app.footprint,
          misses: app.misses,
        }
      : carried("app"),
    bulk: bulk
      ? { runs: bulk.runs, minimumMs: bulk.minimumMs, misses: bulk.misses }
      : carried("bulk"),
    history: history
      ? {
          records: history.records,
          otherRecords: history.otherRecords,
          averageBodyBytes: history.averageBodyBytes,
          generation: history.generation,
          bytes: history.bytes,
          verify: history.verify,
          rows: history.rows,
          misses: history.misses,
        }
      : carried("history"),
  };
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  const misses = [
    ...(list?.misses ?? []),
    ...(app?.misses ?? []),
    ...(bulk?.misses ?? []),
    ...(history?.misses ?? []),
  ];
  if (list) console.log(`\nList: 10,000 users in error out of 50,000\n\n${list.table}`);
  if (app) console.log(`\nThe app: grid at 10,000 rows, first load, server memory\n\n${app.table}`);
  if (bulk) console.log(`\nBulk: reprocessing ${args.users} users\n\n${bulk.table}`);
  if (history) {
    const count = history.records.toLocaleString("en-US");
    console.log(
      `\nHistory: reading ${count} records of one tenant\n\n${history.summary}\n\n${history.table}`,
    );
  }
  if (misses.length > 0) {
    console.log(`\nTargets missed: ${misses.join("; ")}.`);
    return 1;
  }
  console.log("\nEvery target met.");
  return 0;
}

process.exitCode = await main();
