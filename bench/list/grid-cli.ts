// The grid at enterprise scale: 10,000 users in error in a generated tenant, each interaction measured
// in Chromium against the built app (`npm run build` first). Exits non-zero when one has a long task.
// Run: node --conditions=react-server --import tsx bench/list/grid-cli.ts [--rounds 3] [--users 30000]
//      [--in-error 10000] [--wheel-step 1200] [--port 3000]
import { parseArgs } from "node:util";
import { formatTable, slowInteractions } from "./grid-table";
import { DEFAULT_GRID_RUN, runGridBench } from "./grid-run";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: String(DEFAULT_GRID_RUN.users) },
    "in-error": { type: "string", default: String(DEFAULT_GRID_RUN.inError) },
    rounds: { type: "string", default: String(DEFAULT_GRID_RUN.rounds) },
    "wheel-step": { type: "string", default: String(DEFAULT_GRID_RUN.wheelStepPx) },
    // The dev server's port: the e2e run's 3100 stays free for the specs.
    port: { type: "string", default: String(DEFAULT_GRID_RUN.port) },
  },
});

const { grid, js } = await runGridBench({
  users: Number(args.users),
  inError: Number(args["in-error"]),
  rounds: Number(args.rounds),
  wheelStepPx: Number(args["wheel-step"]),
  port: Number(args.port),
});
console.log(formatTable(grid, js));
const slow = slowInteractions(grid);
if (slow.length > 0) console.log(`Long tasks in: ${slow.join(", ")}.`);
process.exitCode = slow.length > 0 ? 1 : 0;
