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

/** A Kysely dialect on a PostgreSQL connection pool. */
export function postgresDialect(url: string): PostgresDialect {
  const pool = new pg.Pool({ connectionString: url, types });
  // An idle connection the server drops would otherwise crash the process; the pool just opens another.
  pool.on("error", (error) => console.warn(`PostgreSQL: idle connection lost: ${error.message}`));
  return new PostgresDialect({ pool });
}
