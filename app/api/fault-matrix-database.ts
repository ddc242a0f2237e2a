// Test tooling for fault-matrix-database-*.test.ts: the app's database fails while a person uses a surface.
import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeAppDatabase, getAppDatabase } from "@/lib/server/db/app-database";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { loggedLines } from "@/lib/testing/console-capture";
import { renderedFailure, SURFACES } from "./fault-matrix-harness";

/**
 * A TCP stand-in between the app and PostgreSQL that can go away (connections refused and cut) or
 * hang (connections held, nothing forwarded), then come back.
 */
export class PostgresLine {
  private server: Server | undefined;
  private readonly pairs = new Set<[Socket, Socket]>();
  private hanging = false;
  port = 0;

  constructor(private readonly upstream: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.upstream);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const forget = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on("error", forget).on("close", forget);
      upstream.on("error", forget).on("close", forget);
      if (!this.hanging) this.flow(pair);
    });
    server.listen(this.port, "127.0.0.1");
    await once(server, "listening");
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private flow([client, upstream]: [Socket, Socket]) {
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Refuses new connections and cuts the open ones, as a stopped server would. */
  async goAway(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await closed;
  }

  /** Keeps every connection open and forwards nothing, as a stuck server or network would. */
  hang(): void {
    this.hanging = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  async comeBack(): Promise<void> {
    if (this.hanging) {
      this.hanging = false;
      for (const pair of this.pairs) this.flow(pair);
    }
    if (!this.server?.listening) await this.open();
  }

  async close(): Promise<void> {
    await this.goAway();
  }
}

export interface DatabaseFault {
  name: string;
  begin(): Promise<void> | void;
  end(): Promise<void> | void;
}

/**
 * Every surface: reads first spend the tenant's Graph budget, writes first the admin's change limit
 * (lib/server/http/admin-change-limit.ts); both answer their database's failure within seconds.
 */
const ALL_SURFACES = Object.values(SURFACES);

// A busy SQLite wait blocks this process; the emulator meanwhile closes idle keep-alive sockets.
const letSocketsClose = () => new Promise((resolve) => setTimeout(resolve, 100));

/** Each fault against each surface: a clear 503 and no Graph call while it lasts, and working again after. */
export function describeDatabaseFaults(
  faults: DatabaseFault[],
  environment: () => Promise<Record<string, string>> | Record<string, string>,
) {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({
      REPROCESS_TIMEOUT_SECONDS: "5",
      LICENSE_ERRORS_CACHE_SECONDS: "0",
      ...(await environment()),
    });
  });
  afterAll(async () => {
    await closeAppDatabase();
    await t.close();
  });

  describe.each(faults)("fault matrix: $name", (fault) => {
    describe.each(ALL_SURFACES)("$name", (surface) => {
      beforeEach(async () => {
        await emptyTables(await getAppDatabase());
        await t.client.reset({ to: "demo" });
        await t.client.updateConfig({ reprocessDelayMs: 0 });
        await surface.target(t);
      });

      it("answers 503 with a message, sends nothing to Graph, and works again once the database is back", async () => {
        const since = await t.lastSeq();
        await fault.begin();
        let end;
        try {
          end = await surface.run(t);
        } finally {
          await fault.end();
        }
        await letSocketsClose();
        expect(end, JSON.stringify(end)).toMatchObject({
          complete: false,
          status: 503,
          error: { code: "service_unavailable" },
        });
        if (end.complete) throw new Error("unreachable");
        expect(end.error.message).toContain("Licensedesk's database did not answer");
        expect(loggedLines(/could not be read/).length).toBeGreaterThan(0);
        expect(await t.graphCallsSince(since)).toEqual([]);
        renderedFailure(surface, end);
        await surface.checkTruth(t, end, since);

        const after = await t.lastSeq();
        const again = await surface.run(t);
        expect(again, JSON.stringify(again)).toMatchObject({ complete: true });
        await surface.checkTruth(t, again, after);
      });
    });
  });
}
