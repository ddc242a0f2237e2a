import "server-only";
import type { GraphLicenseAssignmentState } from "../graph/types";

const FAILING_STATES = new Set(["error", "activewitherror"]);

/** Graph writes `None` (or null) when an assignment worked. */
export const hasErrorCode = (error: string | null | undefined): error is string =>
  typeof error === "string" && error !== "" && error.toLowerCase() !== "none";

/** An assignment that did not fully work: an error code, or a state that says so. */
export const isFailing = (state: GraphLicenseAssignmentState) =>
  hasErrorCode(state.error) || FAILING_STATES.has((state.state ?? "").toLowerCase());
