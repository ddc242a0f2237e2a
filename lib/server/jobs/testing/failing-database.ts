import "server-only";
import Sqlite from "better-sqlite3";
import {
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import pg from "pg";
import type { Database, DialectName } from "@/lib/server/db/database";

/** What a statement does, as far as a fault needs to pick it. */
export interface Statement {
  kind: "select" | "insert" | "update" | "delete" | "other";
  /** The first table it names. */
  table?: string;
  /** Columns an update sets. */
  sets: string[];
}

export interface DatabaseFault {
  /** The statements that fail; every one when absent. */
  matches?(statement: Statement): boolean;
  /** Fails this many matching statements, then heals. */
  times?: number;
  /** Fails every matching statement until this time (epoch ms), then heals. */
  until?: number;
  /** Starts with the first statement this matches (which fails too) and lasts `forMs`. */
  from?: { matches(statement: Statement): boolean; forMs: number };
  /** The statement runs (and commits, outside a transaction), then its answer is lost. */
  afterRunning?: boolean;
  /** What the driver would throw. */
  error: () => Error;
}

const KINDS: Record<string, Statement["kind"]> = {
  SelectQueryNode: "select",
  InsertQueryNode: "insert",
  UpdateQueryNode: "update",
  DeleteQueryNode: "delete",
};

/** The first TableNode's name found walking the node's own fields. */
function firstTable(node: unknown, depth = 0): string | undefined {
  if (!node || typeof node !== "object" || depth > 6) return undefined;
  const op = node as OperationNode & Record<string, unknown>;
  if (op.kind === "TableNode") {
    const table = op.table as { identifier?: { name?: string } };
    return table.identifier?.name;
  }
  for (const key of ["table", "from", "into", "froms"]) {
    const child = op[key];
    const children = Array.isArray(child) ? child : [child];
    for (const item of children) {
      const found = firstTable(item, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function describe(node: RootOperationNode): Statement {
  const updates = (node as { updates?: { column?: { column?: { name?: string } } }[] }).updates;
  return {
    kind: KINDS[node.kind] ?? "other",
    table: firstTable(node),
    sets: (updates ?? []).flatMap((u) => (u.column?.column?.name ? [u.column.column.name] : [])),
  };
}

/** How each driver says the database is locked or gone, for faults to throw. */
export function driverError(dialect: DialectName, kind: "locked" | "gone"): Error {
  if (dialect === "sqlite") {
    return kind === "locked"
      ? new Sqlite.SqliteError("database is locked", "SQLITE_BUSY")
      : new Sqlite.SqliteError("disk I/O error", "SQLITE_IOERR");
  }
  if (kind === "gone") return new Error("Connection terminated unexpectedly");
  const error = new pg.DatabaseError("canceling statement due to lock timeout", 0, "error");
  error.code = "55P03";
  return error;
}

/**
 * The real database behind a Kysely plugin that makes chosen statements throw for a while, the way
 * a locked or vanished database would: everything else, our code included, runs as it is.
 */
export class FailingDatabase {
  readonly database: Database;
  private faults: DatabaseFault[] = [];
  /** Statements that failed so far. */
  failures = 0;
  /** Errors for statements that ran but whose answer is lost, by Kysely's query id. */
  private readonly lost = new WeakMap<object, Error>();

  constructor(real: Database) {
    const plugin: KyselyPlugin = {
      transformQuery: (args: PluginTransformQueryArgs) => this.before(args),
      transformResult: (args: PluginTransformResultArgs) => this.after(args),
    };
    this.database = { kysely: real.kysely.withPlugin(plugin), dialect: real.dialect };
  }

  /** Arms a fault; faults fire in the order they were added. */
  fail(fault: DatabaseFault): void {
    this.faults.push({ ...fault });
  }

  heal(): void {
    this.faults = [];
  }

  private take(node: RootOperationNode): DatabaseFault | undefined {
    const statement = describe(node);
    const now = Date.now();
    this.faults = this.faults.filter(
      (f) => (f.times === undefined || f.times > 0) && (f.until === undefined || f.until > now),
    );
    const fault = this.faults.find((f) => {
      if (f.from && f.until === undefined) {
        if (!f.from.matches(statement)) return false;
        f.until = now + f.from.forMs;
        return true;
      }
      return !f.matches || f.matches(statement);
    });
    if (fault?.times !== undefined) fault.times -= 1;
    return fault;
  }

  private before({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const fault = this.take(node);
    if (!fault) return node;
    this.failures += 1;
    if (!fault.afterRunning) throw fault.error();
    this.lost.set(queryId, fault.error());
    return node;
  }

  private async after({
    result,
    queryId,
  }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const error = this.lost.get(queryId);
    if (error) throw error;
    return result;
  }
}
