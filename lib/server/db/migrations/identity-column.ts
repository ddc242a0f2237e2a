import "server-only";
import type { CreateTableBuilder } from "kysely";
import type { DialectName } from "../database";

/** An auto-numbered `id` primary key: the one column type the two dialects spell differently. */
export const identityColumn =
  (dialect: DialectName) =>
  <T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, "id"> =>
    dialect === "postgres"
      ? table.addColumn("id", "bigint", (col) => col.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn("id", "integer", (col) => col.primaryKey().autoIncrement());
