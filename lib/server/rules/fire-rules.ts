import "server-only";
import type { Database } from "../db/database";
import type { GraphClient } from "../graph/client";
import { createJob } from "../jobs/store/create-job";
import { readSubscribedSkus } from "../licensing/context";
import type { SeenError } from "../watch/payloads";
import { listRules } from "./rules";
import { selectWaitingUsers } from "./select-waiting-users";

export interface FiredRule {
  ruleId: string;
  jobId: string;
  users: number;
}

/**
 * After a watch run: each enabled rule whose product has free seats and users waiting starts one bulk reprocess
 * of the users waiting longest, no more than seats are free, unless a job of that rule is still unfinished.
 * The job is created by the rule's owner: in delegated mode it acts on their behalf once their sign-in is at
 * hand, and waits paused ("sign-in required") until then; in app-only mode it acts as the app at once.
 */
export async function fireSeatsRules(
  database: Database,
  {
    graph,
    tenantId,
    errors,
    now,
  }: { graph: GraphClient; tenantId: string; errors: SeenError[]; now: number },
): Promise<FiredRule[]> {
  const rules = (await listRules(database, tenantId)).filter((rule) => rule.enabled === 1);
  if (rules.length === 0) return [];
  const skus = await readSubscribedSkus(graph);
  const fired: FiredRule[] = [];
  for (const rule of rules) {
    const sku = skus.find((s) => s.skuId.toLowerCase() === rule.sku_id);
    const free = sku ? sku.prepaidUnits.enabled - sku.consumedUnits : 0;
    if (free <= 0) continue;
    const busy = await database.kysely
      .selectFrom("jobs")
      .select("id")
      .where("rule_id", "=", rule.id)
      .where("status", "not in", ["completed", "cancelled"])
      .executeTakeFirst();
    if (busy) continue;
    const users = selectWaitingUsers(errors, rule.sku_id, free);
    if (users.length === 0) continue;
    const product = users[0]!.productName;
    const jobId = await createJob(database, {
      tenantId,
      createdBy: { oid: rule.owner_oid, name: rule.owner_name },
      ruleId: rule.id,
      selection: {
        description: `Rule: ${free} ${product} seat${free === 1 ? "" : "s"} free, the ${users.length} user${users.length === 1 ? "" : "s"} waiting longest`,
        criteria: { kind: "rule", ruleId: rule.id, skuId: rule.sku_id },
      },
      items: users.map((u) => ({ userId: u.userId, upn: u.upn, displayName: u.displayName })),
      now,
    });
    fired.push({ ruleId: rule.id, jobId, users: users.length });
  }
  return fired;
}
