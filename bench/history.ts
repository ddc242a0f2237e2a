// The history scenario of `npm run bench`: a tenant of a million records (and a second of 10,000) on SQLite
// and on PostgreSQL, read page by page and exported through the app's own query code.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase } from "@/lib/server/db/open";
import { verifyHistory } from "@/lib/server/history/verify-history";
import { startPostgresServer } from "../scripts/postgres-server";
import { GENERATOR_VERSION } from "./history/generate";
import {
  type LoadFigures,
  loadPostgres,
  loadSqlite,
  postgresBytes,
  sqliteBytes,
} from "./history/load";
import { measureHistory } from "./history/measure";
import { population } from "./history/population";
import { formatHistoryTable, judgeHistory, type ShapeFigures } from "./history/table";

const CACHE = join(process.cwd(), "node_modules", ".cache", "licensedesk-bench");
const WARMUP = 20;

export interface HistoryBenchResult {
  records: number;
  otherRecords: number;
  averageBodyBytes: number | null;
  /** SQLite's is null when the cached file was reused. */
  generation: { sqlite: LoadFigures | null; postgres: LoadFigures };
  bytes: { sqlite: number; postgres: number };
  verify: { sqliteMs: number; records: number; problems: number };
  rows: ShapeFigures[];
  /** Generation, sizes and the verify time, one line each, printed above the table. */
  summary: string;
  table: string;
  misses: string[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString("en-US")} MB`;
const describe = (load: LoadFigures) =>
  `${seconds(load.totalMs)} (rows computed in ${seconds(load.computeMs)}, indexes and statistics ${seconds(load.indexMs)})`;

/** Generates (or reuses) the data, measures every shape on both databases, and times a full verify on SQLite. */
export async function benchHistory(options: {
  records: number;
  /** Timed runs per shape (200; fewer for tuning). */
  runs: number;
}): Promise<HistoryBenchResult> {
  const spec = {
    records: options.records,
    otherRecords: Math.max(1_000, Math.round(options.records / 100)),
  };
  const people = population();
  const file = join(
    CACHE,
    `history-v${GENERATOR_VERSION}-${spec.records}-${spec.otherRecords}.sqlite`,
  );
  let sqliteLoad: HistoryBenchResult["generation"]["sqlite"] = null;
  if (existsSync(file)) console.log(`history: SQLite: reusing ${file}`);
  else {
    console.log(
      `history: SQLite: generating ${spec.records} + ${spec.otherRecords} records into ${file}…`,
    );
    sqliteLoad = await loadSqlite(file, spec);
    console.log(`history: SQLite generated in ${describe(sqliteLoad)}`);
  }
  const server = await startPostgresServer();
  try {
    const url = server.url.replace(/\/postgres$/, "/licensedesk_bench");
    const admin = await openDatabase({ url: server.url, sqliteFile: "" }, { migrate: false });
    await sql`create database licensedesk_bench`.execute(admin.kysely);
    await admin.kysely.destroy();
    console.log(`history: PostgreSQL: generating ${spec.records} + ${spec.otherRecords} records…`);
    const postgresLoad = await loadPostgres(url, spec);
    console.log(`history: PostgreSQL generated in ${describe(postgresLoad)}`);
    const averageBodyBytes = postgresLoad.bodyBytes / postgresLoad.records;
    const bytes = { sqlite: await sqliteBytes(file), postgres: await postgresBytes(url) };
    console.log(
      `history: average body ${Math.round(averageBodyBytes)} bytes; SQLite ${megabytes(bytes.sqlite)}, PostgreSQL ${megabytes(bytes.postgres)}`,
    );
    const rows: ShapeFigures[] = [];
    // A cached file made before a newer migration is migrated here, as the app would on start.
    const opening = performance.now();
    const sqlite = await openDatabase({ sqliteFile: file });
    console.log(`history: SQLite opened (and migrated) in ${seconds(performance.now() - opening)}`);
    let verify: HistoryBenchResult["verify"];
    try {
      rows.push(
        ...(await measureHistory({
          database: sqlite,
          label: "SQLite",
          people,
          records: spec.records,
          runs: options.runs,
          warmup: Math.min(WARMUP, options.runs),
        })),
      );
      const started = performance.now();
      const reports = await verifyHistory(sqlite);
      verify = {
        sqliteMs: performance.now() - started,
        records: reports.reduce((sum, r) => sum + r.records, 0),
        problems: reports.reduce((sum, r) => sum + r.problems.length, 0),
      };
      console.log(
        `history: verifyHistory on SQLite: ${verify.records} records in ${seconds(verify.sqliteMs)}, ${verify.problems} problems`,
      );
    } finally {
      await sqlite.kysely.destroy();
    }
    const postgres = await openDatabase({ url, sqliteFile: "" });
    try {
      rows.push(
        ...(await measureHistory({
          database: postgres,
          label: "PostgreSQL",
          people,
          records: spec.records,
          runs: options.runs,
          warmup: Math.min(WARMUP, options.runs),
        })),
      );
    } finally {
      await postgres.kysely.destroy();
    }
    const misses = [
      ...judgeHistory(rows),
      ...(verify.problems > 0
        ? [`history: verifyHistory found ${verify.problems} problems in the generated chains`]
        : []),
    ];
    return {
      ...spec,
      averageBodyBytes,
      generation: { sqlite: sqliteLoad, postgres: postgresLoad },
      bytes,
      verify,
      rows,
      summary: [
        `SQLite: ${sqliteLoad ? `generated in ${describe(sqliteLoad)}` : `reused ${file} (generated by an earlier run)`}, ${megabytes(bytes.sqlite)}`,
        `PostgreSQL: generated in ${describe(postgresLoad)}, ${megabytes(bytes.postgres)}`,
        `average body ${Math.round(averageBodyBytes)} bytes; verifyHistory on SQLite: ${verify.records.toLocaleString("en-US")} records in ${seconds(verify.sqliteMs)}, ${verify.problems} problems`,
      ].join("\n"),
      table: formatHistoryTable(rows),
      misses,
    };
  } finally {
    await server.stop();
  }
}
