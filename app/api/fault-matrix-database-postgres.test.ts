import { afterAll } from "vitest";
import { createEmptyDatabase, type EmptyDatabase } from "@/lib/server/db/testing/test-database";
import { describeDatabaseFaults, PostgresLine } from "./fault-matrix-database";

let line: PostgresLine;
let empty: EmptyDatabase;

afterAll(async () => {
  await line?.close();
  await empty?.remove();
});

describeDatabaseFaults(
  [
    {
      name: "PostgreSQL gone (connections refused and cut)",
      begin: () => line.goAway(),
      end: () => line.comeBack(),
    },
    {
      name: "PostgreSQL hanging (connections open, nothing answers)",
      begin: () => line.hang(),
      end: () => line.comeBack(),
    },
  ],
  // The app reaches a fresh database through the line, which the faults cut or stall.
  async () => {
    empty = await createEmptyDatabase("postgres");
    const url = new URL(empty.options.url!);
    line = new PostgresLine({ host: url.hostname, port: Number(url.port || 5432) });
    await line.open();
    url.hostname = "127.0.0.1";
    url.port = String(line.port);
    return { DATABASE_URL: url.toString() };
  },
);
