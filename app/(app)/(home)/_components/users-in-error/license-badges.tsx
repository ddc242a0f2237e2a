import { Badge } from "@/components/ui/badge";
import type { FailingAssignment } from "@/lib/api/license-errors";

/**
 * The plain title of a failing assignment; red when its cause must be fixed before a reprocess can
 * help, amber when reprocessing alone may clear it. The raw Graph code is kept in the tooltip.
 */
export function ErrorBadge({
  failing,
}: {
  failing: Pick<FailingAssignment, "error" | "explanation">;
}) {
  return (
    <Badge
      variant={failing.explanation.fixFirst ? "danger" : "warning"}
      title={`${failing.explanation.title} (${failing.error})`}
      className="max-w-full"
    >
      <span className="truncate">{failing.explanation.title}</span>
    </Badge>
  );
}

const STATE_VARIANTS = {
  Active: "success",
  Resolved: "success",
  ActiveWithError: "warning",
  Error: "danger",
} as const;

/** A license assignment state as Graph names it (Active, ActiveWithError, Error…) or Resolved. */
export function StateBadge({ state }: { state: string }) {
  const variant = STATE_VARIANTS[state as keyof typeof STATE_VARIANTS] ?? "neutral";
  return (
    <Badge variant={variant}>{state === "ActiveWithError" ? "Active with error" : state}</Badge>
  );
}
