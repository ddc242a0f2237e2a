import "server-only";
import type { GraphMode } from "@/lib/api/me";
import type { LicenseSnapshot, ReprocessResult } from "@/lib/api/reprocess";
import type { GraphCall } from "../graph/client";
import { GraphRequestError } from "../graph/errors";
import { ApiError } from "../http/api-error";
import type { Caller } from "../http/with-auth";
import type { HistoryDraft } from "../history/draft";
import { hasErrorCode } from "./assignment-state";
import type { ReprocessProgress } from "./reprocess-failure";
import type { UserReading } from "./snapshot";

// A record names the calls behind it for Microsoft support; a runaway retry loop must not fill it.
export const MAX_RECORDED_CALLS = 50;

export interface SingleWrite {
  caller: Caller;
  tenantId: string;
  mode: GraphMode;
  /** As the request named the user (object id or UPN). */
  userId: string;
  /** Set when the admin fixed the usage location in the same step. */
  usageLocation?: string;
  progress: ReprocessProgress;
  before: UserReading | null;
  calls: GraphCall[];
}

/** Products and codes a record is about: what failed before and after, so the history filters on them. */
function termsOf(snapshots: (LicenseSnapshot | null)[]) {
  const states = snapshots.flatMap((s) => s?.licenseAssignmentStates ?? []);
  return {
    skuIds: states.filter((s) => hasErrorCode(s.error)).map((s) => s.skuId),
    codes: states.flatMap((s) => (hasErrorCode(s.error) ? [s.error!] : [])),
  };
}

function draftOf(
  write: SingleWrite,
  outcome: string,
  summary: string,
  detail: object,
): HistoryDraft {
  const { caller, before } = write;
  const user = before?.user;
  return {
    tenantId: write.tenantId,
    action: write.usageLocation === undefined ? "user.reprocessed" : "user.usage_location_set",
    actor: {
      kind: "person",
      oid: caller.user.oid,
      name: caller.user.name ?? caller.user.preferredUsername ?? caller.user.oid,
    },
    target: {
      userId: user?.id ?? write.userId,
      upn: user?.userPrincipalName ?? write.userId,
      displayName: user?.displayName ?? user?.userPrincipalName ?? write.userId,
    },
    graphMode: write.mode,
    outcome,
    summary,
    detail: {
      ...detail,
      usageLocation:
        write.usageLocation === undefined
          ? null
          : {
              from: user?.usageLocation ?? null,
              to: write.usageLocation,
              set: write.progress.usageLocationSet === write.usageLocation,
            },
      requests: write.calls,
    },
  };
}

/** The record of a single reprocess (or usage-location fix) that reached a verdict. */
export function recordOfResult(write: SingleWrite, result: ReprocessResult): HistoryDraft {
  const name = write.before?.user.displayName ?? write.userId;
  return {
    ...draftOf(write, result.outcome.kind, `${name}: ${result.outcome.message}`, {
      message: result.outcome.message,
      before: result.before,
      after: result.after,
      diff: result.diff,
    }),
    terms: termsOf([result.before, result.after]),
  };
}

/**
 * The record of one that failed: how far it got, what it had written (the answer's message says), and
 * Graph's own answer (`cause`, before the message was rewritten to say what had been written).
 */
export function recordOfFailure(
  write: SingleWrite,
  answered: unknown,
  cause: unknown,
): HistoryDraft {
  const message = answered instanceof Error ? answered.message : String(answered);
  const graph = cause instanceof GraphRequestError ? cause.graph : null;
  const code = answered instanceof ApiError ? answered.code : "internal_error";
  const name = write.before?.user.displayName ?? write.userId;
  return draftOf(write, code === "timeout" ? "timed_out" : "failed", `${name}: ${message}`, {
    message,
    failure: {
      step: write.progress.step,
      code,
      graphStatus: graph?.status ?? null,
      graphCode: graph?.code ?? null,
      requestId: graph?.requestId ?? null,
    },
  });
}
