import { z } from "zod";

/** Every kind of write the history records, as `noun.verb` in the past tense. */
export const historyActionSchema = z.enum([
  "user.reprocessed",
  "user.usage_location_set",
  "job.created",
  "job.paused",
  "job.resumed",
  "job.cancelled",
  "job.item_finished",
  "job.finished",
  "rule.enabled",
  "rule.disabled",
  "rule.suspended",
  "watch.baseline",
  "error.appeared",
  "error.cleared",
  "watch.failed",
  "watch.recovered",
  "notification.delivered",
  "notification.failed",
  "notification.test",
  "settings.watch_changed",
  "settings.webhook_added",
  "settings.webhook_removed",
  "history.expired",
  "history.imported",
]);

export type HistoryAction = z.infer<typeof historyActionSchema>;

/** Who acted: a signed-in person, an automatic rule (with the person who owns it), or Licensedesk itself. */
export const historyActorKindSchema = z.enum(["person", "rule", "system"]);

export type HistoryActorKind = z.infer<typeof historyActorKindSchema>;
