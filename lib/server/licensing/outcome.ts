import "server-only";
import type { FailingAssignment } from "@/lib/api/license-errors";
import type { ReprocessOutcome } from "@/lib/api/reprocess";

export interface OutcomeFacts {
  /** Assignments failing before the reprocess. */
  failingBefore: number;
  /** Assignments still failing after it, explained. */
  remaining: FailingAssignment[];
  /** The licensing service visibly acted (see hasSettled). */
  settled: boolean;
  /** A change was to be expected (see expectsChange). */
  expectedChange: boolean;
  waitedSeconds: number;
  summary: string;
}

/** The named reason the first remaining assignment still fails, its first fix, and how many more there are. */
function reason(remaining: FailingAssignment[]): string {
  const [first, ...rest] = remaining;
  if (!first) return "";
  const source = first.groupName ? ` (from ${first.groupName})` : "";
  const more =
    rest.length > 0
      ? ` ${rest.length} more assignment${rest.length === 1 ? "" : "s"} also failing.`
      : "";
  const fix = first.fixes[0]?.text ?? first.explanation.fix;
  return `${first.productName}${source}: ${first.explanation.title}. ${first.causeLine}. ${fix}${more}`;
}

/** Resolved, still in error (with the reason), unchanged, or timed out, in words for the helpdesk. */
export function decideOutcome(facts: OutcomeFacts): ReprocessOutcome {
  const { remaining } = facts;
  if (!facts.settled && facts.expectedChange) {
    return {
      kind: "timed_out",
      message:
        `Microsoft's licensing service had not finished after ${facts.waitedSeconds} s. ` +
        `Check this user again in a minute.${remaining.length > 0 ? ` Last known: ${reason(remaining)}` : ""}`,
      remaining,
    };
  }
  if (remaining.length > 0) {
    const prefix = facts.settled ? "Still in error" : "Nothing changed, still in error";
    return { kind: "still_in_error", message: `${prefix}. ${reason(remaining)}`, remaining };
  }
  if (facts.failingBefore > 0) {
    return { kind: "resolved", message: `Resolved: ${facts.summary}.`, remaining };
  }
  return {
    kind: "unchanged",
    message: `This user had no license errors${facts.summary === "No changes" ? "; nothing changed" : `; ${facts.summary}`}.`,
    remaining,
  };
}
