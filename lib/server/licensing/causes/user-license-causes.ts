import "server-only";
import type { GetUserLicenseCausesResponse } from "@/lib/api/license-causes";
import { graphFor } from "../../graph/for-caller";
import type { Caller } from "../../http/with-auth";
import { GroupNames, loadLicensingContext, readSubscribedSkus } from "../context";
import { peekCachedRow } from "../scan-cache";
import { groupIdsOf, readUserLicensing } from "../snapshot";
import { findAddressHolders } from "./address-holders";
import { nameUserCauses } from "./user-causes";

/**
 * `GET /api/users/{id}/license-causes`: the user read afresh, each failing assignment named, and for a
 * duplicate address the other recipients looked up. Microsoft's own words come from the list in memory.
 */
export async function getUserLicenseCauses(
  caller: Caller,
  userId: string,
): Promise<GetUserLicenseCausesResponse> {
  const { graph, accessKey } = await graphFor(caller);
  const skus = readSubscribedSkus(graph);
  skus.catch(() => undefined);
  const reading = await readUserLicensing(graph, userId);
  const { user } = reading;
  const groups = new GroupNames();
  await groups.include(graph, groupIdsOf(reading));
  const context = await loadLicensingContext(await skus, groups.known);
  const clash = (user.licenseAssignmentStates ?? []).some((s) => s.error === "UniquenessViolation");
  const addresses = clash ? await findAddressHolders(graph, user.id) : null;
  const row = peekCachedRow(accessKey, user.id);
  return {
    userId: user.id,
    readAt: reading.readAt.toISOString(),
    assignments: nameUserCauses(user, context, {
      addresses,
      microsoftMessage: (skuId) => {
        const said = row?.failing.find((f) => f.skuId.toLowerCase() === skuId.toLowerCase());
        return said?.graphMessage
          ? { message: said.graphMessage, occurredAt: said.lastUpdatedDateTime }
          : null;
      },
    }),
  };
}
