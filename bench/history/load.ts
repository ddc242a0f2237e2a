// Fills a database with the generated history: the schema from the app's migrations, then bulk inserts with
// the secondary indexes dropped (and recreated from their own definitions after), then ANALYZE.
import { rename, rm, stat } from "node:fs/promises";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { openDatabase } from "@/lib/server/db/open";
import { generateHistory, type GeneratedRows, type HistorySpec, RECORD_COLUMNS } from "./generate";

export interface LoadFigures {
  /** Wall time of the whole load: schema, rows, indexes, ANALYZE. */
  totalMs: number;
  /** Of which computing the rows (bodies and hashes) in Node. */
  computeMs: number;
  /** Of which building the secondary indexes and ANALYZE. */
  indexMs: number;
  records: number;
  bodyBytes: number;
}

const HISTORY_TABLES = ["history_records", "history_terms"];

/** Runs the generator, timing its own work apart from what `insert` does with each batch. */
async function feed(
  spec: HistorySpec,
  insert: (rows: GeneratedRows) => Promise<void> | void,
): Promise<{ computeMs: number; records: number; bodyBytes: number; heads: unknown[][] }> {
  const rows = generateHistory(spec);
  let computeMs = 0;
  let records = 0;
  let bodyBytes = 0;
  for (;;) {
    const started = performance.now();
    const next = rows.next();
    computeMs += performance.now() - started;
    if (next.done) {
      const heads = next.value.map((h) => [h.tenant_id, h.head_seq, h.head_hash, h.head_at]);
      return { computeMs, records, bodyBytes, heads };
    }
    records += next.value.records.length;
    bodyBytes += next.value.bodyBytes;
    await insert(next.value);
  }
}

const placeholders = (columns: number, rows: number) =>
  Array.from({ length: rows }, () => `(${Array(columns).fill("?").join(",")})`).join(",");

/** Builds the SQLite file at `file` (through a temporary name, so a cut-short run leaves no half file). */
export async function loadSqlite(file: string, spec: HistorySpec): Promise<LoadFigures> {
  const started = performance.now();
  const partial = `${file}.partial`;
  for (const suffix of ["", "-wal", "-shm"]) await rm(partial + suffix, { force: true });
  await (await openDatabase({ sqliteFile: partial })).kysely.destroy();
  const db = new Sqlite(partial);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${HISTORY_TABLES.map(() => "?").join(",")})`,
    )
    .all(...HISTORY_TABLES) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`drop index ${name}`);
  const statements = (table: string, columns: readonly string[], rows: number) => {
    const head = `insert into ${table} (${columns.join(",")}) values `;
    return {
      many: db.prepare(head + placeholders(columns.length, rows)),
      one: db.prepare(head + placeholders(columns.length, 1)),
    };
  };
  // 18 values a record: 500 rows stay well under SQLite's 32,766 bound parameters.
  const RECORDS_PER = 500;
  const TERMS_PER = 2_000;
  const records = statements("history_records", RECORD_COLUMNS, RECORDS_PER);
  const terms = statements("history_terms", ["tenant_id", "term", "seq"], TERMS_PER);
  const insertAll = (s: typeof records, rows: unknown[][], per: number) => {
    let i = 0;
    for (; i + per <= rows.length; i += per) s.many.run(rows.slice(i, i + per).flat());
    for (; i < rows.length; i++) s.one.run(rows[i]);
  };
  const insertBatch = db.transaction((rows: GeneratedRows) => {
    insertAll(records, rows.records, RECORDS_PER);
    insertAll(terms, rows.terms, TERMS_PER);
  });
  const fed = await feed(spec, (rows) => insertBatch(rows));
  const heads = db.prepare(
    "insert into history_chains (tenant_id, head_seq, head_hash, head_at) values (?, ?, ?, ?)",
  );
  for (const head of fed.heads) heads.run(head);
  const indexStarted = performance.now();
  for (const { sql } of indexes) db.exec(sql);
  db.exec("analyze");
  const indexMs = performance.now() - indexStarted;
  db.pragma("journal_mode = WAL");
  db.close();
  await rename(partial, file);
  return {
    totalMs: performance.now() - started,
    computeMs: fed.computeMs,
    indexMs,
    records: fed.records,
    bodyBytes: fed.bodyBytes,
  };
}

/** The file's size on disk, its write-ahead log included. */
export async function sqliteBytes(file: string): Promise<number> {
  let bytes = 0;
  for (const suffix of ["", "-wal"])
    bytes += (await stat(file + suffix).catch(() => ({ size: 0 }))).size;
  return bytes;
}

const PG_TYPES: Record<string, string> = {
  seq: "bigint",
  at: "bigint",
  head_seq: "bigint",
  head_at: "bigint",
};

/** `insert … select * from unnest(…)`: one statement and one array per column, however many rows. */
function unnestInsert(table: string, columns: readonly string[]) {
  const arrays = columns.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? "text"}[]`);
  return (client: pg.Client, rows: unknown[][]) =>
    client.query(
      `insert into ${table} (${columns.join(",")}) select * from unnest(${arrays.join(",")})`,
      columns.map((_, i) => rows.map((row) => row[i])),
    );
}

/** Fills a fresh PostgreSQL database at `url`; the server is the bench's throwaway cluster. */
export async function loadPostgres(url: string, spec: HistorySpec): Promise<LoadFigures> {
  const started = performance.now();
  await (await openDatabase({ url, sqliteFile: "" })).kysely.destroy();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: indexes } = await client.query<{ name: string; sql: string }>(
      `select i.indexname as name, i.indexdef as sql from pg_indexes i
        where i.tablename = any($1) and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
      [HISTORY_TABLES],
    );
    for (const { name } of indexes) await client.query(`drop index ${name}`);
    const records = unnestInsert("history_records", RECORD_COLUMNS);
    const terms = unnestInsert("history_terms", ["tenant_id", "term", "seq"]);
    const fed = await feed(spec, async (rows) => {
      await client.query("begin");
      await records(client, rows.records);
      await terms(client, rows.terms);
      await client.query("commit");
    });
    await unnestInsert("history_chains", ["tenant_id", "head_seq", "head_hash", "head_at"])(
      client,
      fed.heads,
    );
    const indexStarted = performance.now();
    await client.query("set maintenance_work_mem = '512MB'");
    for (const { sql } of indexes) await client.query(sql);
    // What autovacuum would have done by now on a table this old: statistics and the visibility map.
    await client.query("vacuum (analyze) history_records");
    await client.query("vacuum (analyze) history_terms");
    await client.query("analyze history_chains");
    const indexMs = performance.now() - indexStarted;
    return {
      totalMs: performance.now() - started,
      computeMs: fed.computeMs,
      indexMs,
      records: fed.records,
      bodyBytes: fed.bodyBytes,
    };
  } finally {
    await client.end();
  }
}

/** The database's size on disk. */
export async function postgresBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      "select pg_database_size(current_database()) as bytes",
    );
    return Number(rows[0]!.bytes);
  } finally {
    await client.end();
  }
}
