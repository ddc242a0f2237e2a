import "server-only";
import { GraphRequestError, outcomeUnknown } from "../graph/errors";
import { ApiError } from "../http/api-error";

/** How far a single-user reprocess got, so a failure can say what it had changed. */
export interface ReprocessProgress {
  step: "reading" | "setting_usage_location" | "reprocessing" | "verifying";
  /** The usage location Graph confirmed setting. */
  usageLocationSet?: string;
}

const SEE_LATER = "Refresh the list in a minute to see where the user stands.";

/** The original failure as an ApiError; an unknown one is logged with a request id it names. */
function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const requestId = crypto.randomUUID();
  console.error(`[reprocess] failed after a write, request id ${requestId}:`, error);
  return new ApiError(
    "internal_error",
    `Licensedesk failed on the server (request id ${requestId}).`,
  );
}

/** What had happened in the directory by the failure, or undefined when nothing was written. */
function whatHappened({ step, usageLocationSet }: ReprocessProgress, unanswered: boolean) {
  const set = usageLocationSet ? `The usage location was set to ${usageLocationSet}` : undefined;
  switch (step) {
    case "reading":
      return undefined;
    case "setting_usage_location":
      return unanswered
        ? "Microsoft Graph did not answer the change of usage location, so whether it was made is unknown; the reprocess was not sent."
        : undefined;
    case "reprocessing":
      if (unanswered) {
        return `${set ? `${set}, but Microsoft` : "Microsoft"} Graph did not answer the reprocess request, so whether it was applied is unknown.`;
      }
      return set ? `${set}, but the reprocess failed.` : undefined;
    case "verifying":
      return `${set ? `${set} and the` : "The"} reprocess was sent, but its result could not be read back.`;
  }
}

/**
 * A failure said truthfully: a write already made stays said, a write Graph never answered is
 * "unknown", and nothing claims a result that was not read back. The code (with a throttle's wait or
 * a claims challenge) stays, so the browser still acts on it.
 */
export function reprocessFailure(error: unknown, progress: ReprocessProgress): unknown {
  const unanswered = error instanceof GraphRequestError && outcomeUnknown(error);
  const said = whatHappened(progress, unanswered);
  if (said === undefined) return error;
  const cause = asApiError(error);
  return new ApiError(cause.code, `${said} ${cause.message} ${SEE_LATER}`, cause.details);
}
