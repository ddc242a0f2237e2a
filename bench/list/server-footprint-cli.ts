// `node --conditions=react-server --import tsx bench/list/server-footprint-cli.ts`: the app server's peak
// RSS during the list and a 50,000-user job (target under 300 MB), printed; `npm run build` first.
import { parseArgs } from "node:util";
import { DEFAULT_FOOTPRINT_OPTIONS, measureServerFootprint } from "./server-footprint";

const TARGET_MB = 300;

const { values: args } = parseArgs({
  options: {
    users: { type: "string" },
    "in-error": { type: "string" },
    "job-users": { type: "string" },
    "job-minutes": { type: "string" },
    "app-node-options": { type: "string" },
  },
});
const defaults = DEFAULT_FOOTPRINT_OPTIONS;
const numberOr = (text: string | undefined, fallback: number) =>
  text === undefined ? fallback : Number(text);

const interrupted = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => interrupted.abort());
}

const figures = await measureServerFootprint({
  tenant: {
    ...defaults.tenant,
    users: numberOr(args.users, defaults.tenant.users),
    usersInError: numberOr(args["in-error"], defaults.tenant.usersInError),
  },
  jobUsers: numberOr(args["job-users"], defaults.jobUsers),
  jobRunLimitMs: numberOr(args["job-minutes"], defaults.jobRunLimitMs / 60_000) * 60_000,
  appNodeOptions: args["app-node-options"] ?? defaults.appNodeOptions,
  signal: interrupted.signal,
});

const { job } = figures;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const jobMeasured = job.completed
  ? `creation (${seconds(job.create.durationMs)}) and run to completion (${seconds(job.run.durationMs)})`
  : `creation (${seconds(job.create.durationMs)}) and the first ${seconds(job.run.durationMs)} of its run, ` +
    `${job.finalItems} of ${job.users} items final by then`;
const verdict = (mb: number) => (mb < TARGET_MB ? "under" : "OVER");
console.log(
  [
    "",
    `App server peak RSS (${figures.conditions}):`,
    `  idle after start:            ${figures.baselineRssMb} MB`,
    `  list (${figures.list.rows} rows, ${seconds(figures.list.durationMs)}): ${figures.listPeakRssMb} MB ` +
      `(${verdict(figures.listPeakRssMb)} ${TARGET_MB} MB), ${figures.list.endMb} MB at its end`,
    `  job of ${job.users} users:        ${figures.jobPeakRssMb} MB (${verdict(figures.jobPeakRssMb)} ` +
      `${TARGET_MB} MB); creation peak ${job.create.peakMb} MB, run peak ${job.run.peakMb} MB`,
    `  job measured over ${jobMeasured}; outcomes ${JSON.stringify(job.outcomes)}`,
  ].join("\n"),
);
process.exitCode = Math.max(figures.listPeakRssMb, figures.jobPeakRssMb) < TARGET_MB ? 0 : 1;
