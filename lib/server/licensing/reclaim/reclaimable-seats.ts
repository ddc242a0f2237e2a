import "server-only";
import type { AssignmentSource } from "@/lib/api/license-causes";
import type {
  GetReclaimableSeatsQuery,
  GetReclaimableSeatsResponse,
  ReclaimableAccount,
} from "@/lib/api/seats";
import { graphFor } from "../../graph/for-caller";
import { graphRequests } from "../../graph/requests";
import {
  type GraphLicenseAssignmentState,
  type GraphLicenseHolder,
  graphLicenseHolderSchema,
} from "../../graph/types";
import { ApiError } from "../../http/api-error";
import type { Caller } from "../../http/with-auth";
import { getLicenseNames } from "../../names/resolver";
import { hasErrorCode } from "../assignment-state";
import { readGroupNames, readSubscribedSkus } from "../context";
import { lastSignInOf, readSignInActivity } from "./sign-in-activity";

const DAY_MS = 24 * 60 * 60 * 1000;

type Reason = ReclaimableAccount["reason"];

interface Candidate {
  holder: GraphLicenseHolder;
  reason: Reason;
  lastSignIn: string | null;
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** An assignment that gives the user the product: active (some plans may have failed), not one in error. */
function holdsTheProduct(state: GraphLicenseAssignmentState): boolean {
  const status = state.state?.toLowerCase();
  if (status) return status === "active" || status === "activewitherror";
  return !hasErrorCode(state.error);
}

/** Direct first, then groups by name. */
const directFirst = (a: AssignmentSource, b: AssignmentSource) =>
  Number(a.groupId !== null) - Number(b.groupId !== null) ||
  (a.groupName ?? a.groupId ?? "").localeCompare(b.groupName ?? b.groupId ?? "");

function holdsOf(
  holder: GraphLicenseHolder,
  skuId: string,
  groupNames: ReadonlyMap<string, string>,
): AssignmentSource[] {
  return (holder.licenseAssignmentStates ?? [])
    .filter((state) => sameId(state.skuId, skuId) && holdsTheProduct(state))
    .map((state) => ({
      groupId: state.assignedByGroup ?? null,
      groupName: state.assignedByGroup
        ? (groupNames.get(state.assignedByGroup.toLowerCase()) ?? null)
        : null,
      since: state.lastUpdatedDateTime ?? null,
    }))
    .sort(directFirst);
}

function toAccount(
  { holder, reason, lastSignIn }: Candidate,
  skuId: string,
  groupNames: ReadonlyMap<string, string>,
): ReclaimableAccount {
  return {
    id: holder.id,
    displayName: holder.displayName ?? holder.userPrincipalName ?? holder.id,
    userPrincipalName: holder.userPrincipalName ?? "",
    accountEnabled: holder.accountEnabled ?? reason !== "disabled",
    reason,
    lastSignIn,
    holds: holdsOf(holder, skuId, groupNames),
  };
}

const byName = (a: ReclaimableAccount, b: ReclaimableAccount) =>
  a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id);

const signInTime = (account: ReclaimableAccount) =>
  account.lastSignIn === null ? Number.NEGATIVE_INFINITY : Date.parse(account.lastSignIn);

/** Longest unused first: no sign-in recorded, then the oldest sign-in. */
const byLastSignIn = (a: ReclaimableAccount, b: ReclaimableAccount) =>
  signInTime(a) - signInTime(b) || byName(a, b);

/**
 * `GET /api/seats/{skuId}/reclaimable`: the accounts holding a product that could give their seat back.
 * Disabled holders always; enabled holders with no sign-in for `inactiveDays` (or none recorded) when
 * Graph shows sign-in activity, and otherwise which permission would show them.
 */
export async function listReclaimableSeats(
  caller: Caller,
  skuId: string,
  { inactiveDays }: GetReclaimableSeatsQuery,
): Promise<GetReclaimableSeatsResponse> {
  const { graph } = await graphFor(caller);
  const skus = await readSubscribedSkus(graph);
  const sku = skus.find((s) => sameId(s.skuId, skuId));
  if (!sku) {
    throw new ApiError(
      "not_found",
      `This tenant has no subscription to a product with skuId ${skuId}.`,
    );
  }
  const readAt = new Date();
  const [disabledHolders, signIns, names] = await Promise.all([
    graph.listAll(graphRequests.disabledHolders(sku.skuId), graphLicenseHolderSchema),
    readSignInActivity(graph, sku.skuId),
    getLicenseNames(skus),
  ]);

  const lastSignIns = new Map(
    signIns.status === "read"
      ? signIns.holders.map((holder) => [holder.id.toLowerCase(), lastSignInOf(holder)])
      : [],
  );
  const disabled: Candidate[] = disabledHolders.map((holder) => ({
    holder,
    reason: "disabled",
    lastSignIn: lastSignIns.get(holder.id.toLowerCase()) ?? null,
  }));
  const disabledIds = new Set(disabledHolders.map((holder) => holder.id.toLowerCase()));
  const cutoff = readAt.getTime() - inactiveDays * DAY_MS;
  const inactive: Candidate[] =
    signIns.status === "read"
      ? signIns.holders.flatMap((holder): Candidate[] => {
          // A disabled account is listed once, as disabled.
          if (holder.accountEnabled === false || disabledIds.has(holder.id.toLowerCase())) {
            return [];
          }
          const lastSignIn = lastSignInOf(holder);
          if (lastSignIn === null) return [{ holder, reason: "neverSignedIn", lastSignIn }];
          return Date.parse(lastSignIn) < cutoff
            ? [{ holder, reason: "inactive", lastSignIn }]
            : [];
        })
      : [];

  const groupIds = [...disabled, ...inactive].flatMap(({ holder }) =>
    (holder.licenseAssignmentStates ?? []).flatMap((state) =>
      sameId(state.skuId, sku.skuId) && state.assignedByGroup ? [state.assignedByGroup] : [],
    ),
  );
  const groupNames = await readGroupNames(graph, groupIds);
  const accounts = (candidates: Candidate[]) =>
    candidates.map((candidate) => toAccount(candidate, sku.skuId, groupNames));

  return {
    skuId: sku.skuId,
    productName: names.product(sku.skuId),
    readAt: readAt.toISOString(),
    disabled: accounts(disabled).sort(byName),
    inactive:
      signIns.status === "read"
        ? { status: "read", inactiveDays, accounts: accounts(inactive).sort(byLastSignIn) }
        : signIns,
  };
}
