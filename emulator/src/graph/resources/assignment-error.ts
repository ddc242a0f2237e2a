import type { AssignmentError } from "../../licensing/assignment-errors";
import { assignmentErrorMessage } from "../../licensing/error-messages";
import type { Tenant } from "../../tenant/model";
import type { ResourceShape } from "../odata/resource";

/** Beta's `microsoft.graph.cloudLicensing.assignmentError`; only skuId filters, as documented. */
export const assignmentErrorShape = (tenant: Tenant): ResourceShape<AssignmentError> => ({
  name: "AssignmentError",
  odataType: "microsoft.graph.cloudLicensing.assignmentError",
  properties: {
    id: (e) => e.id,
    code: (e) => e.code,
    message: (e) => assignmentErrorMessage(tenant, e.user, e.state),
    occurrenceDateTime: (e) => e.state.lastUpdatedDateTime,
    skuId: (e) => e.state.skuId,
  },
  defaults: ["id", "code", "message", "occurrenceDateTime", "skuId"],
  filters: { skuid: { type: "guid", get: (e) => e.state.skuId.toLowerCase(), only: ["eq"] } },
});
