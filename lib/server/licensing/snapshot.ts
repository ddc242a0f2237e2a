import "server-only";
import type { LicenseSnapshot } from "@/lib/api/reprocess";
import type { GraphClient } from "../graph/client";
import { graphRequests } from "../graph/requests";
import { type GraphUserLicensing, graphUserLicensingSchema } from "../graph/types";
import type { LicensingContext } from "./failing";

/** One read of a user's licensing, with the moment it was taken. */
export interface UserReading {
  user: GraphUserLicensing;
  readAt: Date;
}

/** Reads everything a before/after snapshot shows: licenses, plans, states and usage location. */
export async function readUserLicensing(graph: GraphClient, userId: string): Promise<UserReading> {
  const user = await graph.send(graphRequests.userForSnapshot(userId), graphUserLicensingSchema);
  return { user, readAt: new Date() };
}

/** The group ids a reading mentions, for looking their names up in one batch. */
export const groupIdsOf = ({ user }: UserReading): string[] =>
  (user.licenseAssignmentStates ?? []).flatMap((s) =>
    s.assignedByGroup ? [s.assignedByGroup] : [],
  );

/** A reading with friendly names, in the shape the diff and the browser use. */
export function toSnapshot(
  { user, readAt }: UserReading,
  context: LicensingContext,
): LicenseSnapshot {
  const { names } = context;
  return {
    readAt: readAt.toISOString(),
    usageLocation: user.usageLocation ?? null,
    assignedLicenses: (user.assignedLicenses ?? []).map((license) => ({
      skuId: license.skuId,
      productName: names.product(license.skuId),
      disabledPlans: (license.disabledPlans ?? []).map((id) => ({ id, name: names.plan(id) })),
    })),
    assignedPlans: (user.assignedPlans ?? []).map((plan) => ({
      servicePlanId: plan.servicePlanId,
      planName: names.plan(plan.servicePlanId),
      service: plan.service ?? "",
      capabilityStatus: plan.capabilityStatus ?? "Unknown",
      assignedDateTime: plan.assignedDateTime ?? "",
    })),
    licenseAssignmentStates: (user.licenseAssignmentStates ?? []).map((state) => {
      const groupId = state.assignedByGroup ?? null;
      return {
        skuId: state.skuId,
        productName: names.product(state.skuId),
        groupId,
        groupName: groupId ? context.groupName(groupId) : null,
        state: state.state ?? "Unknown",
        error: state.error ?? "None",
        lastUpdatedDateTime: state.lastUpdatedDateTime ?? null,
      };
    }),
  };
}
