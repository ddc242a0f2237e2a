import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAppDatabase } from "@/lib/server/db/app-database";
import { emptyTables } from "@/lib/server/db/testing/test-database";
import { readHistory } from "@/lib/server/history/read-history";
import { listJobItems } from "@/lib/server/jobs/store/queries";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { readTenantErrors, watchGraph } from "@/lib/server/watch/read-errors";
import { fireSeatsRules } from "./fire-rules";
import { setSeatsRule } from "./rules";

const POWER_BI = "f8a1db68-be16-40ed-86d5-cb42ce701560";
const ADELE = { kind: "person" as const, oid: "oid-adele", name: "Adele Vance" };

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ GRAPH_MODE: "app-only" });
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control("POST", "/_emulator/reset", { to: "demo" });
  await emptyTables(await getAppDatabase());
});

const fire = async () => {
  const { graph, tenantId } = await watchGraph();
  const errors = await readTenantErrors(graph, tenantId);
  return fireSeatsRules(await getAppDatabase(), { graph, tenantId, errors, now: Date.now() });
};

describe("reprocess when seats arrive", () => {
  it("starts one job of the waiting users, no more than seats are free, in the rule's name and its owner's", async () => {
    const database = await getAppDatabase();
    await setSeatsRule(database, {
      tenantId: t.tenantId,
      skuId: POWER_BI,
      productName: "Power BI Pro",
      enabled: true,
      actor: ADELE,
      now: 1,
    });
    // No seat free: nothing happens.
    expect(await fire()).toEqual([]);
    await t.control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 3 });
    const [fired, ...more] = await fire();
    expect(more).toEqual([]);
    expect(fired!.users).toBe(3);
    const items = await listJobItems(database, fired!.jobId, { limit: 10 });
    const state = await t.control<{
      usersInError: { id: string; failing: { skuPartNumber: string }[] }[];
    }>("GET", "/_emulator/state");
    const waiting = new Set(
      state.usersInError
        .filter((u) => u.failing.some((f) => f.skuPartNumber === "POWER_BI_PRO"))
        .map((u) => u.id),
    );
    expect(items.items.every((i) => waiting.has(i.userId))).toBe(true);
    const [created] = await readHistory(database, {
      tenantId: t.tenantId,
      actions: ["job.created"],
    });
    expect(created).toMatchObject({
      actor: { kind: "rule", oid: ADELE.oid, name: "Adele Vance", ruleId: expect.any(String) },
      jobId: fired!.jobId,
    });
    // Its job is unfinished: no second one.
    expect(await fire()).toEqual([]);
  });

  it("does nothing while the rule is off", async () => {
    const database = await getAppDatabase();
    await setSeatsRule(database, {
      tenantId: t.tenantId,
      skuId: POWER_BI,
      productName: "Power BI Pro",
      enabled: false,
      actor: ADELE,
      now: 1,
    });
    await t.control("POST", "/_emulator/skus/POWER_BI_PRO/seats", { add: 3 });
    expect(await fire()).toEqual([]);
    const [record] = await readHistory(database, { tenantId: t.tenantId });
    expect(record).toMatchObject({ action: "rule.disabled", actor: { name: "Adele Vance" } });
  });
});
