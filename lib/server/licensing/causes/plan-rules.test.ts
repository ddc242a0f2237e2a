import { describe, expect, it } from "vitest";
import { PLAN_NAMES } from "../../names/table";
import { CONFLICT_RULES, PREREQUISITE_RULES } from "./plan-rules";

describe("the published plan rules", () => {
  it("name only service plans in Microsoft's published plan list, each with a source page", () => {
    const plans = [
      ...CONFLICT_RULES.flatMap((rule) => rule.plans),
      ...PREREQUISITE_RULES.flatMap((rule) => [rule.plan, ...rule.anyOf]),
    ];
    for (const plan of plans) expect(PLAN_NAMES.has(plan.id), plan.name).toBe(true);
    for (const rule of [...CONFLICT_RULES, ...PREREQUISITE_RULES]) {
      expect(rule.source.url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
  });
});
