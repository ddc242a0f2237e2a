import Sqlite from "better-sqlite3";
import { getServerEnv } from "@/lib/server/env";
import { describeDatabaseFaults } from "./fault-matrix-database";

let holder: Sqlite.Database | undefined;

describeDatabaseFaults(
  [
    {
      name: "SQLite locked by another process's write",
      begin() {
        holder = new Sqlite(getServerEnv().sqliteFile);
        holder.exec("begin exclusive");
      },
      end() {
        holder?.exec("rollback");
        holder?.close();
        holder = undefined;
      },
    },
  ],
  () => ({ DATABASE_URL: "" }),
);
