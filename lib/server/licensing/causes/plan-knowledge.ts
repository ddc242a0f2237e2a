import "server-only";
import type { PlanRef, ProductRef } from "@/lib/api/license-causes";
import type { GraphSubscribedSku } from "../../graph/types";
import type { LicenseNames } from "../../names/resolver";
import {
  CONFLICT_RULES,
  type ConflictRule,
  PREREQUISITE_RULES,
  type PrerequisiteRule,
} from "./plan-rules";

/** What the published rules and this tenant's subscriptions together say about plans and products. */
export interface PlanKnowledge {
  plan(servicePlanId: string): PlanRef;
  product(skuId: string): ProductRef;
  /** Null when the tenant has no subscription to the product. */
  sku(skuId: string): GraphSubscribedSku | null;
  /** The plans an assignment turns on: its product's plans, less the ones it disables (lower-case ids). */
  enabledPlans(skuId: string, disabledPlans: readonly string[] | null | undefined): string[];
  conflictBetween(planA: string, planB: string): ConflictRule | null;
  prerequisiteOf(servicePlanId: string): PrerequisiteRule | null;
  /** The tenant's products that include one of the plans, with their free seats, most free first. */
  providersOf(planIds: readonly string[]): { product: ProductRef; available: number }[];
}

const pairKey = (a: string, b: string) => [a, b].sort().join("|");

const CONFLICTS = new Map(
  CONFLICT_RULES.map((rule) => [pairKey(rule.plans[0].id, rule.plans[1].id), rule]),
);
const PREREQUISITES = new Map(PREREQUISITE_RULES.map((rule) => [rule.plan.id, rule]));

export function createPlanKnowledge(
  skus: ReadonlyMap<string, GraphSubscribedSku>,
  names: LicenseNames,
): PlanKnowledge {
  const plansOf = new Map(
    [...skus].map(([id, sku]) => [id, sku.servicePlans.map((p) => p.servicePlanId.toLowerCase())]),
  );
  return {
    plan: (servicePlanId) => ({ servicePlanId, name: names.plan(servicePlanId) }),
    product: (skuId) => ({ skuId, name: names.product(skuId) }),
    sku: (skuId) => skus.get(skuId.toLowerCase()) ?? null,
    enabledPlans: (skuId, disabledPlans) => {
      const off = new Set((disabledPlans ?? []).map((id) => id.toLowerCase()));
      return (plansOf.get(skuId.toLowerCase()) ?? []).filter((id) => !off.has(id));
    },
    conflictBetween: (a, b) => CONFLICTS.get(pairKey(a.toLowerCase(), b.toLowerCase())) ?? null,
    prerequisiteOf: (id) => PREREQUISITES.get(id.toLowerCase()) ?? null,
    providersOf: (planIds) => {
      const wanted = new Set(planIds.map((id) => id.toLowerCase()));
      return [...skus.values()]
        .filter((sku) => sku.servicePlans.some((p) => wanted.has(p.servicePlanId.toLowerCase())))
        .map((sku) => ({
          product: { skuId: sku.skuId, name: names.product(sku.skuId) },
          available: sku.prepaidUnits.enabled - sku.consumedUnits,
        }))
        .sort((a, b) => b.available - a.available || a.product.name.localeCompare(b.product.name));
    },
  };
}
