import { Badge } from "@/components/ui/badge";
import type { JobStatusValue } from "@/lib/api/jobs";
import { JOB_STATUS } from "./job-labels";

/** A job's status as a badge: queued, running, paused, cancelling, cancelled or completed. */
export function JobStatusBadge({ status }: { status: JobStatusValue }) {
  const { label, variant } = JOB_STATUS[status];
  return <Badge variant={variant}>{label}</Badge>;
}
