import { open, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Where the servers that Playwright starts write their output, so a passing run prints only its
 * summary. Under test-results/ (git-ignored; Playwright empties it before it starts the servers).
 */
export const SERVER_LOG_DIR = join(ROOT, "test-results", "servers");

export const SERVER_LOGS = {
  app: join(SERVER_LOG_DIR, "app.log"),
  emulator: join(SERVER_LOG_DIR, "emulator.log"),
} as const;

export type ServerName = keyof typeof SERVER_LOGS;

const sizeOf = async (file: string) => (await stat(file).catch(() => undefined))?.size;

/** A server's log from a point on: what it printed after `mark` was taken. */
export class ServerLog {
  private constructor(
    readonly file: string,
    private readonly from: number,
    /** False for a server this run did not start (reused, started by hand): nothing is captured. */
    readonly captured: boolean,
  ) {}

  /** Marks where the log ends now. */
  static async mark(file: string): Promise<ServerLog> {
    const size = await sizeOf(file);
    return new ServerLog(file, size ?? 0, size !== undefined);
  }

  /** The whole log, from the server's first line. */
  static async whole(file: string): Promise<ServerLog> {
    return new ServerLog(file, 0, (await sizeOf(file)) !== undefined);
  }

  /** Everything written since the mark. */
  async read(): Promise<string> {
    const length = ((await sizeOf(this.file)) ?? 0) - this.from;
    if (length <= 0) return "";
    const handle = await open(this.file, "r");
    try {
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, this.from);
      return buffer.toString("utf8");
    } finally {
      await handle.close();
    }
  }
}

/** A shell command whose output goes to `file`; if it fails, its last lines and the path go to stderr. */
export function loggedCommand(command: string, file: string): string {
  const quoted = JSON.stringify(file);
  return (
    `mkdir -p ${JSON.stringify(SERVER_LOG_DIR)} && ( ${command} ) > ${quoted} 2>&1 || ` +
    `{ status=$?; tail -n 40 ${quoted} >&2; echo "The whole log: ${file}" >&2; exit $status; }`
  );
}
