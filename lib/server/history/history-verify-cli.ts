import "server-only";
import { getServerEnv } from "../env";
import { openDatabase } from "../db/open";
import type { OpenDatabaseOptions } from "../db/open";
import { type HistoryAnchor, verifyHistory } from "./verify-history";

export interface HistoryVerifyArgs {
  anchors: HistoryAnchor[];
  json: boolean;
  /** Why the arguments cannot be used, when they cannot. */
  problem: string | null;
}

const ANCHOR = /^(\d+):([0-9a-f]{64})$/i;

export function parseHistoryVerifyArgs(argv: readonly string[]): HistoryVerifyArgs {
  const args: HistoryVerifyArgs = { anchors: [], json: false, problem: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") args.json = true;
    else if (arg === "--anchor") {
      const match = ANCHOR.exec(argv[++i] ?? "");
      if (!match)
        return { ...args, problem: "--anchor takes <seq>:<hash>, the hash in 64 hex digits" };
      args.anchors.push({ seq: Number(match[1]), hash: match[2]!.toLowerCase() });
    } else return { ...args, problem: `unknown argument ${arg}` };
  }
  return args;
}

const count = (n: number) => n.toLocaleString("en-US");

/** Verifies the configured database (or `options`) and prints a report; answers the exit code. */
export async function runHistoryVerify(
  args: HistoryVerifyArgs,
  print: (line: string) => void,
  options?: OpenDatabaseOptions,
): Promise<number> {
  if (args.problem) {
    print(`history:verify: ${args.problem}`);
    return 2;
  }
  let database;
  try {
    const env = options ?? {
      url: getServerEnv().databaseUrl,
      sqliteFile: getServerEnv().sqliteFile,
    };
    // Verifying writes nothing, not even a migration.
    database = await openDatabase(env, { migrate: false });
    const reports = await verifyHistory(database, { anchors: args.anchors });
    if (args.json) print(JSON.stringify(reports));
    else {
      if (reports.length === 0) print("No history yet: nothing to verify.");
      for (const r of reports) {
        const range = r.firstSeq === null ? "" : ` (seq ${count(r.firstSeq)}–${count(r.head.seq)})`;
        print(
          `tenant ${r.tenantId}: ${count(r.records)} records${range}, head ${r.head.seq}:${r.head.hash}, ${r.problems.length === 0 ? "OK" : `${count(r.problems.length)} problem${r.problems.length === 1 ? "" : "s"}`}`,
        );
        for (const problem of r.problems.slice(0, 100)) print(`tenant ${r.tenantId}: ${problem}`);
        if (r.problems.length > 100)
          print(`tenant ${r.tenantId}: … and ${count(r.problems.length - 100)} more`);
      }
    }
    return reports.some((r) => r.problems.length > 0) ? 1 : 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    print(
      /history_chains|history_records/.test(message) && /exist|no such table/.test(message)
        ? "history:verify: this database has no history yet (its schema is older than migration 0005_history); start the app once to migrate it."
        : `history:verify: could not verify: ${message}`,
    );
    return 2;
  } finally {
    await database?.kysely.destroy();
  }
}
