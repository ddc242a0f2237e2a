/** One strategy's figures from a bench run. */
export interface RunFigures {
  name: string;
  wallMs: number;
  /** Graph requests the emulator answered (each `$batch` item counts, the envelope does not). */
  requests: number;
  throttled: number;
  /** Users without a final outcome, or whose reprocess failed (never accepted by Graph). */
  lostOrFailed: number;
  /** Selected users the emulator still shows in error once the licensing service had its time. */
  inErrorAfter: number;
}

export interface WriteShape {
  /** Writes the bucket holds when full. */
  capacity: number;
  /** Writes per second it refills. */
  perSecond: number;
  roundTripMs: number;
}

export const TARGET_RATIO = 1.1;
export const TARGET_THROTTLED_SHARE = 0.01;

/** N writes from a full bucket of capacity C refilling at r/s: max(0, N − C) / r, plus one round trip. */
export const theoreticalMinimumMs = (writes: number, shape: WriteShape) =>
  (Math.max(0, writes - shape.capacity) / shape.perSecond) * 1000 + shape.roundTripMs;

export const throttledShare = (run: RunFigures) =>
  run.requests === 0 ? 0 : run.throttled / run.requests;

export interface Verdict {
  ratio: number;
  share: number;
  failures: string[];
}

/** Whether our run meets the targets: wall time within 10% of the minimum, ≤ 1% 429s, nothing lost. */
export function judge(ours: RunFigures, minimumMs: number): Verdict {
  const ratio = ours.wallMs / minimumMs;
  const share = throttledShare(ours);
  const failures = [
    ...(ratio > TARGET_RATIO
      ? [`wall time ${ratio.toFixed(3)}× the minimum (target ≤ ${TARGET_RATIO})`]
      : []),
    ...(share > TARGET_THROTTLED_SHARE
      ? [`${percent(share)} of requests answered 429 (target ≤ ${percent(TARGET_THROTTLED_SHARE)})`]
      : []),
    ...(ours.lostOrFailed > 0 ? [`${ours.lostOrFailed} users lost or failed (target 0)`] : []),
  ];
  return { ratio, share, failures };
}

const percent = (share: number) => `${(share * 100).toFixed(2)}%`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A ratio to ours; "—" when ours is 0 and the ratio means nothing. */
export function ratioTo(value: number, ours: number): string {
  if (ours === 0) return value === 0 ? "1.00×" : "— (ours 0)";
  return `${(value / ours).toFixed(2)}×`;
}

/** The printed table: one row per strategy, ours first. */
export function formatTable(runs: RunFigures[], minimumMs: number): string {
  const [ours] = runs;
  if (!ours) return "";
  const header = [
    "strategy",
    "wall time",
    "÷ minimum",
    "requests",
    "429s",
    "429 share",
    "lost/failed",
    "in error after",
    "wall ÷ ours",
    "429 share ÷ ours",
  ];
  const rows = runs.map((run) => [
    run.name,
    seconds(run.wallMs),
    `${(run.wallMs / minimumMs).toFixed(3)}`,
    String(run.requests),
    String(run.throttled),
    percent(throttledShare(run)),
    String(run.lostOrFailed),
    String(run.inErrorAfter),
    run === ours ? "1.00×" : ratioTo(run.wallMs, ours.wallMs),
    run === ours ? "1.00×" : ratioTo(throttledShare(run), throttledShare(ours)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
    `theoretical minimum under the write budget: ${seconds(minimumMs)}`,
  ].join("\n");
}
