import "server-only";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Sqlite from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";

/** How long a connection waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/** A FIFO lock: one holder at a time, in arrival order. */
class FileLock {
  private tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    await previous;
    return release;
  }
}

// better-sqlite3 waits for a busy lock synchronously, which would freeze the very event loop that holds the
// lock; so all handles on one file within a process take turns, kept on globalThis to survive bundle copies.
const LOCKS = Symbol.for("licensedesk.sqlite-file-locks");

function lockFor(file: string): FileLock {
  const registry = ((globalThis as { [LOCKS]?: Map<string, FileLock> })[LOCKS] ??= new Map());
  let lock = registry.get(file);
  if (!lock) registry.set(file, (lock = new FileLock()));
  return lock;
}

class TurnTakingSqliteDriver extends SqliteDriver {
  private release: (() => void) | undefined;

  constructor(
    config: SqliteDialectConfig,
    private readonly lock: FileLock,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.lock.acquire();
    try {
      const connection = await super.acquireConnection();
      this.release = release;
      return connection;
    } catch (error) {
      release();
      throw error;
    }
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  // IMMEDIATE takes the write lock up front; a deferred transaction that reads then writes can fail with
  // SQLITE_BUSY when another process wrote in between, and busy_timeout cannot help it.
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

// SQLite does run DDL in transactions; saying so makes Kysely's Migrator wrap a run in one, which is what
// keeps two processes from migrating the same file at once.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TurnTakingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly lock: FileLock,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new TurnTakingSqliteDriver(this.config, this.lock);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** A Kysely dialect on a SQLite file (created with its folder if missing): WAL, busy timeout, foreign keys. */
export function sqliteDialect(file: string): SqliteDialect {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  const database = async () => {
    const connection = new Sqlite(path);
    connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    connection.pragma("journal_mode = WAL");
    connection.pragma("foreign_keys = ON");
    return connection;
  };
  return new TurnTakingSqliteDialect({ database }, lockFor(path));
}
