import { Badge } from "@/components/ui/badge";
import type { JobItemView } from "@/lib/api/jobs";
import { ITEM_STATE, OUTCOME } from "./job-labels";

/** A user's step in a job as a badge: queued, writing, checking, then the outcome. */
export function JobItemBadge({ item }: { item: JobItemView }) {
  if (item.state === "final" && item.outcome) {
    const outcome = OUTCOME[item.outcome];
    return (
      <Badge variant={outcome.variant} title={item.message ?? undefined}>
        {outcome.label}
      </Badge>
    );
  }
  return (
    <Badge variant="tenant">
      <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" />
      {ITEM_STATE[item.state]}
    </Badge>
  );
}
