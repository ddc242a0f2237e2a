import "server-only";
import { PostgresDialect } from "kysely";
import pg from "pg";

// BIGINT (epoch milliseconds, counts) arrives as a string by default; every value we store fits a double.
const parseInt8 = (value: string) => Number(value);

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * Bounds on waiting for PostgreSQL, so a stuck server or a forgotten lock fails a request with an error
 * instead of hanging it: connecting, one statement (lock waits included), and idling inside a transaction.
 */
export const POSTGRES_TIMEOUTS = {
  connectMs: 5_000,
  // Long enough for a migration on a large job table; the pacer's row locks are held for milliseconds.
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
} as const;

/** A Kysely dialect on a PostgreSQL connection pool. */
export function postgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: url,
    types,
    connectionTimeoutMillis: POSTGRES_TIMEOUTS.connectMs,
    statement_timeout: POSTGRES_TIMEOUTS.statementMs,
    // The client gives up a little after the server would have, in case the server never answers at all.
    query_timeout: POSTGRES_TIMEOUTS.statementMs + 5_000,
    idle_in_transaction_session_timeout: POSTGRES_TIMEOUTS.idleInTransactionMs,
  });
  // An idle connection the server drops would otherwise crash the process; the pool just opens another.
  pool.on("error", (error) => console.warn(`PostgreSQL: idle connection lost: ${error.message}`));
  return new PostgresDialect({ pool });
}
