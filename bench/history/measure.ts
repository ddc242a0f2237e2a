// Times the history's reads in process through the app's own code: a page as `GET /api/history` reads it,
// and the first 100 rows of each export, each shape many times with its filter drawn at random.
import type { HistoryFilters } from "@/lib/api/history";
import type { Database } from "@/lib/server/db/database";
import { readHistoryPage, toHistoryView } from "@/lib/server/history/history-query";
import { exportHistory } from "@/lib/server/history/list-history";
import { ITEM_OUTCOMES, SINGLE_OUTCOMES } from "./drafts";
import {
  BENCH_TENANT,
  CODES,
  DAY_MS,
  END_AT,
  type Population,
  random,
  START_AT,
} from "./population";
import { percentile, type ShapeFigures } from "./table";

const PAGE = 50;

/** One draw of a shape: its filters, and the seq range its records lie in (for a deep page's cursor). */
interface Draw {
  filters: HistoryFilters;
  low: number;
  high: number;
}

interface Shape {
  name: string;
  draw: (rand: () => number) => Draw;
}

const pick = <T>(list: readonly T[], rand: () => number): T =>
  list[Math.floor(rand() * list.length)]!;

const ACTION_OUTCOMES = [
  ...ITEM_OUTCOMES.map(([o]) => ["job.item_finished", o] as const),
  ...SINGLE_OUTCOMES.map(([o]) => ["user.reprocessed", o] as const),
  ["job.finished", "completed"] as const,
  ["job.finished", "cancelled"] as const,
];

/** The filter shapes of the history page, each drawn afresh on every run. */
export function historyShapes(people: Population, records: number): Shape[] {
  // `at` is spread evenly along seq, so a time maps to about this seq (a cursor need not be exact).
  const seqAt = (at: number) =>
    Math.min(records, Math.max(1, Math.round(((at - START_AT) * records) / (END_AT - START_AT))));
  const all = (filters: HistoryFilters): Draw => ({ filters, low: 1, high: records });
  return [
    { name: "no filter", draw: () => all({}) },
    {
      name: "user's timeline",
      draw: (r) => {
        const user = people.users[people.userIndex(r)]!;
        return all({ user: r() < 0.5 ? user.id : user.upn });
      },
    },
    {
      name: "actor + last 30 days",
      draw: (r) => {
        const from = END_AT - 30 * DAY_MS;
        return {
          filters: { actor: pick(people.actors, r).oid, from: new Date(from).toISOString() },
          low: seqAt(from),
          high: records,
        };
      },
    },
    {
      name: "product + code",
      draw: (r) => all({ product: pick(people.products, r).skuId, code: pick(CODES, r) }),
    },
    {
      name: "action + outcome",
      draw: (r) => {
        const [action, outcome] = pick(ACTION_OUTCOMES, r);
        return all({ action, outcome });
      },
    },
    { name: "outcome failed", draw: () => all({ outcome: "failed" }) },
    {
      name: "one day a year ago",
      draw: (r) => {
        const from = END_AT - (362 + Math.floor(r() * 7)) * DAY_MS;
        const to = from + DAY_MS;
        return {
          filters: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
          low: seqAt(from),
          high: seqAt(to),
        };
      },
    },
  ];
}

export interface MeasureOptions {
  database: Database;
  /** "SQLite" or "PostgreSQL", for the table. */
  label: string;
  people: Population;
  records: number;
  runs: number;
  warmup: number;
}

async function time(
  runs: number,
  warmup: number,
  once: () => Promise<unknown>,
): Promise<{ p50Ms: number; p95Ms: number; samples: number }> {
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once();
    samples.push(performance.now() - started);
  }
  return {
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    samples: samples.length,
  };
}

/** A page as `listHistory` reads it: one more than it shows, to know whether a next page exists. */
async function readPage(database: Database, filters: HistoryFilters, beforeSeq?: number) {
  const rows = await readHistoryPage(database, BENCH_TENANT, filters, {
    beforeSeq,
    limit: PAGE + 1,
  });
  return rows.slice(0, PAGE).map(toHistoryView);
}

/** Reads an export until `rows` lines past its header have arrived, then stops it. */
async function firstExportRows(
  database: Database,
  filters: HistoryFilters,
  format: "csv" | "jsonl",
  rows: number,
): Promise<number> {
  const reader = exportHistory(
    async () => ({ database, tenantId: BENCH_TENANT }),
    filters,
    format,
  ).getReader();
  const wanted = rows + (format === "csv" ? 1 : 0);
  const decoder = new TextDecoder();
  let lines = 0;
  try {
    while (lines < wanted) {
      const { done, value } = await reader.read();
      if (done) break;
      // No field of a record holds a line break (a summary is one line), so lines are rows.
      lines += decoder.decode(value).split("\n").length - 1;
    }
  } finally {
    await reader.cancel();
  }
  return Math.max(0, lines - (format === "csv" ? 1 : 0));
}

/** Every shape's first page, its deep page from a random cursor, and each export's first 100 rows. */
export async function measureHistory(options: MeasureOptions): Promise<ShapeFigures[]> {
  const { database, label, people, records, runs, warmup } = options;
  const figures: ShapeFigures[] = [];
  const record = async (shape: string, once: (rand: () => number) => Promise<unknown>) => {
    const rand = random(figures.length + 1);
    const result = await time(runs, warmup, () => once(rand));
    figures.push({ database: label, shape, records, ...result });
    console.log(
      `history: ${label} ${shape}: p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms`,
    );
  };
  const shapes = historyShapes(people, records);
  for (const shape of shapes) {
    await record(`${shape.name}, first page`, (r) => readPage(database, shape.draw(r).filters));
    await record(`${shape.name}, deep page`, (r) => {
      const { filters, low, high } = shape.draw(r);
      return readPage(database, filters, low + 1 + Math.floor(r() * (high - low + 1)));
    });
  }
  const productCode = shapes.find((s) => s.name === "product + code")!;
  for (const [format, name] of [
    ["csv", "CSV"],
    ["jsonl", "JSON Lines"],
  ] as const) {
    await record(`export ${name} (product + code), first 100 rows`, (r) =>
      firstExportRows(database, productCode.draw(r).filters, format, 100),
    );
  }
  return figures;
}
