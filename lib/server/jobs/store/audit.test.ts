import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { appendAuditEvent, listAuditEvents } from "./audit";
import { ADELE, LEE, TENANT } from "@/lib/server/jobs/testing/fixtures";

describe.each(DIALECTS)("audit events on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("lists who did what, newest first, by target, a page at a time", async () => {
    const { database } = testDb();
    const reprocessed = (at: number, userId: string) =>
      appendAuditEvent(database, {
        at,
        tenantId: TENANT,
        actor: at % 2 ? ADELE : LEE,
        action: "user.reprocessed",
        target: { type: "user", id: userId },
        detail: { outcome: "resolved" },
      });
    for (let at = 1; at <= 5; at++) await reprocessed(at, at === 3 ? "u-3" : "u-x");
    await appendAuditEvent(database, {
      at: 6,
      tenantId: "another-tenant",
      actor: ADELE,
      action: "user.reprocessed",
      target: { type: "user", id: "u-x" },
    });

    const page = await listAuditEvents(database, { tenantId: TENANT, limit: 2 });
    expect(page).toEqual([
      {
        id: expect.any(Number),
        at: 5,
        tenantId: TENANT,
        actor: ADELE,
        action: "user.reprocessed",
        target: { type: "user", id: "u-x" },
        detail: { outcome: "resolved" },
      },
      expect.objectContaining({ at: 4, actor: LEE }),
    ]);
    const next = await listAuditEvents(database, { tenantId: TENANT, beforeId: page[1]!.id });
    expect(next.map((event) => event.at)).toEqual([3, 2, 1]);
    const forUser = await listAuditEvents(database, {
      tenantId: TENANT,
      target: { type: "user", id: "u-3" },
    });
    expect(forUser.map((event) => event.at)).toEqual([3]);
  });
});
