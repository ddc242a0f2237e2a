import "server-only";
import { type Kysely, sql } from "kysely";
import type { DialectName } from "../db/database";

/**
 * Triggers that make the history append-only for every role, the tables' owner included: no UPDATE, no
 * TRUNCATE, and DELETE only of records retention has moved the chain's start past (`expired_through`).
 * The chain head may only move forward. Grants alone would not do: the app owns the tables it migrates.
 */
const POSTGRES_GUARDS = [
  `CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.seq <= COALESCE(
       (SELECT expired_through FROM history_chains c WHERE c.tenant_id = OLD.tenant_id), 0) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'history records are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`,
  `CREATE FUNCTION history_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history records are append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
END $$`,
  `CREATE FUNCTION history_chains_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.tenant_id <> OLD.tenant_id OR NEW.head_seq < OLD.head_seq
     OR NEW.expired_through < OLD.expired_through THEN
    RAISE EXCEPTION 'history chain heads only move forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$`,
  `CREATE TRIGGER history_records_append_only BEFORE UPDATE OR DELETE ON history_records
     FOR EACH ROW EXECUTE FUNCTION history_append_only()`,
  `CREATE TRIGGER history_records_no_truncate BEFORE TRUNCATE ON history_records
     FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate()`,
  `CREATE TRIGGER history_terms_append_only BEFORE UPDATE OR DELETE ON history_terms
     FOR EACH ROW EXECUTE FUNCTION history_append_only()`,
  `CREATE TRIGGER history_terms_no_truncate BEFORE TRUNCATE ON history_terms
     FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate()`,
  `CREATE TRIGGER history_chains_forward BEFORE UPDATE OR DELETE ON history_chains
     FOR EACH ROW EXECUTE FUNCTION history_chains_forward()`,
  `CREATE TRIGGER history_chains_no_truncate BEFORE TRUNCATE ON history_chains
     FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate()`,
];

// SQLite has no TRUNCATE; a DELETE on a table with triggers runs them for every row.
const SQLITE_GUARDS = [
  ...["history_records", "history_terms"].flatMap((table) => [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
       BEGIN SELECT RAISE(ABORT, 'history records are append-only: UPDATE refused'); END`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
       WHEN OLD.seq > COALESCE((SELECT expired_through FROM history_chains WHERE tenant_id = OLD.tenant_id), 0)
       BEGIN SELECT RAISE(ABORT, 'history records are append-only: DELETE refused'); END`,
  ]),
  `CREATE TRIGGER history_chains_forward BEFORE UPDATE ON history_chains
     WHEN NEW.tenant_id <> OLD.tenant_id OR NEW.head_seq < OLD.head_seq OR NEW.expired_through < OLD.expired_through
     BEGIN SELECT RAISE(ABORT, 'history chain heads only move forward: UPDATE refused'); END`,
  `CREATE TRIGGER history_chains_no_delete BEFORE DELETE ON history_chains
     BEGIN SELECT RAISE(ABORT, 'history chain heads only move forward: DELETE refused'); END`,
];

const POSTGRES_DROP = [
  "DROP TRIGGER IF EXISTS history_records_append_only ON history_records",
  "DROP TRIGGER IF EXISTS history_records_no_truncate ON history_records",
  "DROP TRIGGER IF EXISTS history_terms_append_only ON history_terms",
  "DROP TRIGGER IF EXISTS history_terms_no_truncate ON history_terms",
  "DROP TRIGGER IF EXISTS history_chains_forward ON history_chains",
  "DROP TRIGGER IF EXISTS history_chains_no_truncate ON history_chains",
  "DROP FUNCTION IF EXISTS history_append_only()",
  "DROP FUNCTION IF EXISTS history_no_truncate()",
  "DROP FUNCTION IF EXISTS history_chains_forward()",
];

const SQLITE_DROP = [
  "history_records_no_update",
  "history_records_no_delete",
  "history_terms_no_update",
  "history_terms_no_delete",
  "history_chains_forward",
  "history_chains_no_delete",
].map((name) => `DROP TRIGGER IF EXISTS ${name}`);

async function run(db: Kysely<unknown>, statements: readonly string[]) {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export const createHistoryGuards = (db: Kysely<unknown>, dialect: DialectName) =>
  run(db, dialect === "postgres" ? POSTGRES_GUARDS : SQLITE_GUARDS);

/** Only migrations and tests (which play an attacker, or empty tables between cases) take the guards down. */
export const dropHistoryGuards = (db: Kysely<unknown>, dialect: DialectName) =>
  run(db, dialect === "postgres" ? POSTGRES_DROP : SQLITE_DROP);
