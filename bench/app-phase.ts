// The part of the list scenario that needs the built app: the grid in Chromium, the dashboard's
// first-load JavaScript, and the app server's memory while it lists and while it runs a 50,000-user job.
import { spawnSync } from "node:child_process";
import type { FirstLoadJs, GridFigures } from "./list/grid";
import { runGridBench } from "./list/grid-run";
import { formatTable, LONG_TASK_MS, slowInteractions } from "./list/grid-table";
import { measureServerFootprint, type ServerFootprint } from "./list/server-footprint";

export const APP_TARGETS = { longTaskMs: LONG_TASK_MS, rssMb: 300, firstLoadKb: 250 };

export interface AppPhaseResult {
  grid: GridFigures;
  js: FirstLoadJs;
  footprint: ServerFootprint;
  table: string;
  misses: string[];
}

/** Builds the app as `npm run build` does, so the figures are the current code's. */
function build(): void {
  const result = spawnSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`npm run build exited with ${result.status}`);
}

export async function benchApp(options: { jobRunMs: number }): Promise<AppPhaseResult> {
  build();
  const { grid, js } = await runGridBench();
  const footprint = await measureServerFootprint({
    jobRunLimitMs: options.jobRunMs,
    log: (line) => console.log(`footprint: ${line}`),
  });
  const misses = [
    ...slowInteractions(grid).map(
      (name) =>
        `grid ${name}: longest task ${Math.round(grid.interactions[name].longTaskMs)} ms (target < ${LONG_TASK_MS} ms)`,
    ),
    ...(js.kB >= APP_TARGETS.firstLoadKb
      ? [
          `first-load JavaScript ${js.kB.toFixed(1)} kB gzipped (target < ${APP_TARGETS.firstLoadKb} kB)`,
        ]
      : []),
    ...(footprint.listPeakRssMb >= APP_TARGETS.rssMb
      ? [`server RSS during the list ${footprint.listPeakRssMb.toFixed(1)} MB (target < 300 MB)`]
      : []),
    ...(footprint.jobPeakRssMb >= APP_TARGETS.rssMb
      ? [`server RSS during the job ${footprint.jobPeakRssMb.toFixed(1)} MB (target < 300 MB)`]
      : []),
  ];
  const { job } = footprint;
  const table = [
    formatTable(grid, js),
    "",
    `App server peak RSS (${footprint.conditions}):`,
    `  idle ${footprint.baselineRssMb.toFixed(1)} MB; list ${footprint.listPeakRssMb.toFixed(1)} MB; ` +
      `50,000-user job ${footprint.jobPeakRssMb.toFixed(1)} MB (creation ${job.create.peakMb.toFixed(1)} MB ` +
      `in ${(job.create.durationMs / 1000).toFixed(1)} s, run ${job.run.peakMb.toFixed(1)} MB over ` +
      `${(job.run.durationMs / 1000).toFixed(1)} s, ${job.finalItems} of ${job.users} items final${job.completed ? ", complete" : ""})`,
  ].join("\n");
  return { grid, js, footprint, table, misses };
}
