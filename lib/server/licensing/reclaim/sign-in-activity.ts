import "server-only";
import type { MissingPermission } from "@/lib/api/license-causes";
import type { GraphClient } from "../../graph/client";
import { GraphRequestError } from "../../graph/errors";
import { graphRequests } from "../../graph/requests";
import {
  type GraphLicenseHolderWithSignIn,
  graphLicenseHolderWithSignInSchema,
} from "../../graph/types";

/** What reading sign-in activity needs, and what it adds to the list when granted. */
export const SIGN_IN_ACTIVITY_PERMISSION: MissingPermission = {
  permission: "AuditLog.Read.All",
  enables: "accounts with no recent sign-in",
};

/** Every holder of a product with their sign-in activity, or why Graph would not show it. */
export type SignInActivityRead =
  | { status: "read"; holders: GraphLicenseHolderWithSignIn[] }
  | { status: "unavailable"; missing: MissingPermission[] };

/**
 * The holders of a product with their sign-in activity. Graph answers 403 to an app without
 * AuditLog.Read.All (or a tenant without Entra ID P1/P2): that read is optional, so it is said, not
 * thrown. Any other failure is the caller's error.
 */
export async function readSignInActivity(
  graph: GraphClient,
  skuId: string,
): Promise<SignInActivityRead> {
  try {
    const holders = await graph.listAll(
      graphRequests.holdersWithSignIn(skuId),
      graphLicenseHolderWithSignInSchema,
    );
    return { status: "read", holders };
  } catch (error) {
    if (error instanceof GraphRequestError && error.code === "forbidden") {
      return { status: "unavailable", missing: [SIGN_IN_ACTIVITY_PERMISSION] };
    }
    throw error;
  }
}

/**
 * The latest sign-in Graph recorded, interactive or not (an app signing in on the person's behalf
 * is use too); null when Graph has none.
 */
export function lastSignInOf(holder: GraphLicenseHolderWithSignIn): string | null {
  const activity = holder.signInActivity;
  const times = [
    activity?.lastSignInDateTime,
    activity?.lastNonInteractiveSignInDateTime,
    activity?.lastSuccessfulSignInDateTime,
  ].filter((time): time is string => typeof time === "string" && !Number.isNaN(Date.parse(time)));
  if (times.length === 0) return null;
  return times.reduce((latest, time) => (Date.parse(time) > Date.parse(latest) ? time : latest));
}
