import { createServer, type Socket } from "node:net";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./open";
import { POSTGRES_TIMEOUTS } from "./postgres";
import { useTestDatabase } from "./testing/test-database";

describe("the PostgreSQL pool's time-outs", () => {
  const testDb = useTestDatabase("postgres");

  it("gives every session a statement time-out and an idle-in-transaction time-out", async () => {
    const { kysely } = testDb().database;
    const setting = async (name: string) =>
      (await sql<{ value: string }>`select current_setting(${name}) as value`.execute(kysely))
        .rows[0]!.value;
    expect(await setting("statement_timeout")).toBe(`${POSTGRES_TIMEOUTS.statementMs / 1000}s`);
    expect(await setting("idle_in_transaction_session_timeout")).toBe(
      `${POSTGRES_TIMEOUTS.idleInTransactionMs / 60_000}min`,
    );
  });

  it("fails to open, with an error, when the server accepts the connection and never answers", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    try {
      await expect(
        openDatabase({ url: `postgresql://app@127.0.0.1:${port}/licensedesk`, sqliteFile: "" }),
      ).rejects.toThrow(/timeout/i);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      silent.close();
    }
  });
});
