import type { HistoryAction } from "@/lib/api/history";
import { OUTCOME } from "@/components/jobs/job-labels";

/** Each recorded action in a helpdesk's words. */
export const ACTION_LABEL: Record<HistoryAction, string> = {
  "user.reprocessed": "Reprocessed a user",
  "user.usage_location_set": "Set a usage location",
  "job.created": "Started a bulk reprocess",
  "job.paused": "Paused a bulk reprocess",
  "job.resumed": "Resumed a bulk reprocess",
  "job.cancelled": "Cancelled a bulk reprocess",
  "job.item_finished": "Bulk reprocess of a user",
  "job.finished": "Bulk reprocess ended",
  "rule.enabled": "Turned a rule on",
  "rule.disabled": "Turned a rule off",
  "rule.suspended": "Suspended a rule",
  "watch.baseline": "Watch started",
  "error.appeared": "New license error",
  "error.cleared": "License error cleared",
  "watch.failed": "Watch failed",
  "watch.recovered": "Watch recovered",
  "notification.delivered": "Notification sent",
  "notification.failed": "Notification failed",
  "notification.test": "Test notification",
  "settings.watch_changed": "Changed watch settings",
  "settings.webhook_added": "Added a webhook",
  "settings.webhook_removed": "Removed a webhook",
  "history.expired": "Old records removed",
  "history.imported": "Imported record",
};

/** A bulk item's outcomes, and the two only other records have. */
export const OUTCOME_LABEL: Record<string, (typeof OUTCOME)[keyof typeof OUTCOME]> = {
  ...OUTCOME,
  completed: { label: "Completed", variant: "success" },
  delivered: { label: "Delivered", variant: "success" },
};
