import "server-only";
import type { GraphClient } from "../graph/client";
import { graphRequests } from "../graph/requests";
import {
  graphGroupSchema,
  graphSubscribedSkuSchema,
  type GraphSubscribedSku,
} from "../graph/types";
import { getLicenseNames } from "../names/resolver";
import { createPlanKnowledge } from "./causes/plan-knowledge";
import type { LicensingContext } from "./failing";

/** The tenant's subscriptions, with names for everything they contain. */
export async function readSubscribedSkus(graph: GraphClient): Promise<GraphSubscribedSku[]> {
  return graph.listAll(graphRequests.subscribedSkus(), graphSubscribedSkuSchema);
}

/** Names, seats and group names for describing a tenant's licenses. */
export async function loadLicensingContext(
  skus: GraphSubscribedSku[],
  groupNames: ReadonlyMap<string, string>,
): Promise<LicensingContext> {
  const names = await getLicenseNames(skus);
  const byId = new Map(skus.map((sku) => [sku.skuId.toLowerCase(), sku]));
  return {
    names,
    skus: byId,
    knowledge: createPlanKnowledge(byId, names),
    groupName: (groupId) => groupNames.get(groupId.toLowerCase()) ?? null,
  };
}

/** Display names of the given groups; a group that is gone keeps no name. */
export async function readGroupNames(
  graph: GraphClient,
  groupIds: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(groupIds.map((id) => id.toLowerCase()))];
  const results = await graph.batch(unique.map((id) => graphRequests.group(id)));
  const names = new Map<string, string>();
  results.forEach((result, index) => {
    if (!result.ok) {
      if (result.error.code === "not_found") return;
      throw result.error;
    }
    const group = graphGroupSchema.safeParse(result.body);
    if (group.success && group.data.displayName) names.set(unique[index]!, group.data.displayName);
  });
  return names;
}

/** Group names read once and kept, for watches that name groups in every outcome. */
export class GroupNames {
  readonly known = new Map<string, string>();
  private readonly asked = new Set<string>();

  /** A name the caller already has, e.g. from the list of groups with errors. */
  remember(groupId: string, name: string): void {
    this.known.set(groupId.toLowerCase(), name);
    this.asked.add(groupId.toLowerCase());
  }

  /** Reads the names of the groups not asked about yet; a group that is gone stays unnamed. */
  async include(graph: GraphClient, groupIds: readonly string[]): Promise<void> {
    const unknown = [...new Set(groupIds.map((id) => id.toLowerCase()))].filter(
      (id) => !this.asked.has(id),
    );
    if (unknown.length === 0) return;
    for (const [id, name] of await readGroupNames(graph, unknown)) this.known.set(id, name);
    unknown.forEach((id) => this.asked.add(id));
  }
}
