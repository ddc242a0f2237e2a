import { READ_WAY_LABELS as WAY_LABELS } from "@/lib/api/read-way-labels";
import type { LicenseErrorsData } from "@/lib/client/queries/license-errors";

const count = (n: number) => n.toLocaleString("en");

const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "0.8 s", "14 s", "1 min 5 s": short reads keep a decimal, since they are the point. */
export function formatElapsed(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** What the reading line says while the server reads, e.g. "Reading the directory: 12,000 of 50,000 users". */
export function readingText({ plan, progress }: Pick<LicenseErrorsData, "plan" | "progress">) {
  if (!plan) return "Choosing how to read this tenant…";
  const found = progress ? ` · ${plural(progress.found, "user")} in error so far` : "";
  if (!progress) return `Reading through ${WAY_LABELS[plan.way]}…`;
  const { unit, read, total } = progress;
  const what =
    unit === "errors"
      ? plural(read, "assignment error")
      : `${count(read)}${total === null ? "" : ` of ${count(total)}`} ${unit}`;
  return `Reading through ${WAY_LABELS[plan.way]}: ${what} read${found}`;
}

/** The line under a finished list: how many, from how many, how fast and how. */
export function doneText(done: NonNullable<LicenseErrorsData["done"]>): string {
  const from = done.directoryUsers === null ? "" : ` from ${plural(done.directoryUsers, "user")}`;
  return (
    `Read ${plural(done.total, "user")} in error${from} in ${formatElapsed(done.elapsedMs)} ` +
    `through ${WAY_LABELS[done.way]}, ${plural(done.requests, "request")} to Graph`
  );
}
