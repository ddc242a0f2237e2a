// `npm run bench`: the list scenario (reading 10,000 users in error out of 50,000, every way) and the
// bulk scenario (2,000 users reprocessed three ways), side by side in one run against one emulator
// process. Prints the tables, writes bench/results.json, and exits non-zero when a target is missed.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type AppPhaseResult, benchApp } from "./app-phase";
import { benchBulk, type BulkBenchResult } from "./bulk";
import { BenchEmulator } from "./bulk/emulator";
import { benchList, type ListBenchResult } from "./list";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "2000" },
    only: { type: "string" },
    "skip-naive": { type: "boolean", default: false },
    "skip-app": { type: "boolean", default: false },
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

async function main(): Promise<number> {
  const emulator = await BenchEmulator.start();
  let list: ListBenchResult | undefined;
  let app: AppPhaseResult | undefined;
  let bulk: BulkBenchResult | undefined;
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
  const results = {
    measuredAt: new Date().toISOString(),
    list: list && { rows: list.rows, misses: list.misses },
    app: app && {
      grid: app.grid,
      firstLoadJs: app.js,
      footprint: app.footprint,
      misses: app.misses,
    },
    bulk: bulk && { runs: bulk.runs, minimumMs: bulk.minimumMs, misses: bulk.misses },
  };
  await writeFile(
    new URL("./results.json", import.meta.url),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  const misses = [...(list?.misses ?? []), ...(app?.misses ?? []), ...(bulk?.misses ?? [])];
  if (list) console.log(`\nList: 10,000 users in error out of 50,000\n\n${list.table}`);
  if (app) console.log(`\nThe app: grid at 10,000 rows, first load, server memory\n\n${app.table}`);
  if (bulk) console.log(`\nBulk: reprocessing ${args.users} users\n\n${bulk.table}`);
  if (misses.length > 0) {
    console.log(`\nTargets missed: ${misses.join("; ")}.`);
    return 1;
  }
  console.log("\nEvery target met.");
  return 0;
}

process.exitCode = await main();
