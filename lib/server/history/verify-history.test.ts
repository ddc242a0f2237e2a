import { execFile } from "node:child_process";
import { dirname } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { recordHistory } from "./append";
import type { HistoryDraft } from "./draft";
import { parseHistoryVerifyArgs, runHistoryVerify } from "./history-verify-cli";
import { withoutHistoryGuards } from "./testing/without-history-guards";

const TENANT = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";

const draft = (n: number): HistoryDraft => ({
  tenantId: TENANT,
  action: "user.reprocessed",
  actor: { kind: "person", oid: "oid-adele", name: "Adele Vance" },
  target: { userId: `user-${n}`, upn: `user${n}@contoso.com`, displayName: `User ${n}` },
  outcome: "still_in_error",
  summary: `Reprocessed user ${n}`,
  terms: { skuIds: ["sku-1"], codes: ["CountViolation"] },
});

describe.each(DIALECTS)("history:verify on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  const verify = async (argv: string[] = []) => {
    const lines: string[] = [];
    const code = await runHistoryVerify(
      parseHistoryVerifyArgs(argv),
      (l) => lines.push(l),
      testDb().options,
    );
    return { code, lines };
  };
  const tamper = (statement: ReturnType<typeof sql>) =>
    withoutHistoryGuards(testDb().database, () => statement.execute(testDb().database.kysely));

  const tenRecords = () =>
    recordHistory(
      testDb().database,
      Array.from({ length: 10 }, (_, i) => draft(i + 1)),
      1_000,
    );

  it("says every chain is intact, with its head to keep outside", async () => {
    await tenRecords();
    const { code, lines } = await verify();
    expect(code).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^tenant ${TENANT}: 10 records \\(seq 1–10\\), head 10:[0-9a-f]{64}, OK$`),
      ),
    ]);
  });

  it("catches an edited body, an edited column, a removed record and a removed tail", async () => {
    await tenRecords();
    await tamper(
      sql`update history_records set body = replace(body, 'still_in_error', 'resolved') where seq = 3`,
    );
    await tamper(sql`update history_records set outcome = 'resolved' where seq = 5`);
    await tamper(sql`delete from history_records where seq = 7`);
    await tamper(sql`delete from history_records where seq = 10`);
    const { code, lines } = await verify();
    expect(code).toBe(1);
    expect(lines.slice(1)).toEqual([
      `tenant ${TENANT}: seq 3: hash does not match the body (record edited)`,
      `tenant ${TENANT}: seq 3: column outcome is "still_in_error", the signed body says "resolved"`,
      `tenant ${TENANT}: seq 5: column outcome is "resolved", the signed body says "still_in_error"`,
      `tenant ${TENANT}: seq 7: missing (1 record removed)`,
      `tenant ${TENANT}: seq 8: does not follow the record before it (its previous hash differs)`,
      `tenant ${TENANT}: head says seq 10, the last record is seq 9 (records removed from the end)`,
    ]);
  });

  it("catches a rewritten tail whose hashes and head were recomputed only with an anchor kept outside", async () => {
    const appended = await tenRecords();
    const anchor = appended[7]!;
    // An attacker with the owner's rights removes 8–10, appends new ones and moves the head to match.
    await tamper(sql`delete from history_records where seq >= 8`);
    await tamper(sql`delete from history_terms where seq >= 8`);
    await tamper(
      sql`update history_chains set head_seq = 7, head_hash = (select hash from history_records where seq = 7)`,
    );
    await recordHistory(testDb().database, [draft(80), draft(90), draft(100)], 2_000);
    expect((await verify()).code).toBe(0);
    const { code, lines } = await verify(["--anchor", `${anchor.seq}:${anchor.hash}`]);
    expect(code).toBe(1);
    expect(lines).toContain(
      `tenant ${TENANT}: seq 8: its hash differs from the anchor kept outside`,
    );
  });

  it("answers 2, not 1, when it cannot verify: bad arguments", async () => {
    expect(await verify(["--anchor", "8:not-a-hash"])).toEqual({
      code: 2,
      lines: ["history:verify: --anchor takes <seq>:<hash>, the hash in 64 hex digits"],
    });
  });
});

describe("npm run history:verify", () => {
  const testDb = useTestDatabase("sqlite");
  const run = promisify(execFile);

  it("exits 0 on an intact history and 1 once a record is edited, reading the app's own settings", async () => {
    const { database, options } = testDb();
    await recordHistory(database, [draft(1), draft(2)], 1_000);
    const env = {
      ...process.env,
      LICENSEDESK_DATA_DIR: dirname(options.sqliteFile),
      DATABASE_URL: "",
    };
    const ok = await run("npm", ["run", "--silent", "history:verify"], { env });
    expect(ok.stdout).toMatch(/2 records \(seq 1–2\), head 2:[0-9a-f]{64}, OK/);
    // A careful edit: the body and its column say the same new thing.
    await withoutHistoryGuards(database, () =>
      sql`update history_records set summary = 'nothing happened', body = replace(body, 'Reprocessed user 1', 'nothing happened') where seq = 1`.execute(
        database.kysely,
      ),
    );
    const failed = await run("npm", ["run", "--silent", "history:verify"], { env }).catch(
      (e: unknown) => e,
    );
    expect(failed).toMatchObject({
      code: 1,
      stdout: expect.stringContaining("seq 1: hash does not match the body (record edited)"),
    });
  }, 30_000);
});
