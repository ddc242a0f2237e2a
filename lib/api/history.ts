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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// local@domain as Entra allows it in a UPN: nothing that could change a query.
const UPN = /^[A-Za-z0-9'_!^~+.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

const guid = (what: string) => z.string().regex(GUID, `${what} is a GUID.`);

/** `GET /api/history`: every filter optional, each at most once; newest first. */
export const listHistoryQuerySchema = z
  .object({
    actor: guid("actor (the person's object id)").optional(),
    user: z
      .string()
      .max(113)
      .refine(
        (v) => GUID.test(v) || UPN.test(v),
        "user is the user's object id or userPrincipalName.",
      )
      .optional(),
    product: guid("product (the skuId)").optional(),
    code: z
      .string()
      .regex(/^[A-Za-z]{1,64}$/, "code is a Graph error code such as CountViolation.")
      .optional(),
    action: historyActionSchema.optional(),
    outcome: z
      .string()
      .regex(/^[a-z_]{1,32}$/, "outcome is a word such as resolved or failed.")
      .optional(),
    from: z.iso.datetime({ offset: true, error: "from is a date and time (ISO 8601)." }).optional(),
    to: z.iso.datetime({ offset: true, error: "to is a date and time (ISO 8601)." }).optional(),
    cursor: z
      .string()
      .regex(/^[0-9]{1,16}$/, "cursor is the nextCursor of the page before.")
      .optional(),
    limit: z.coerce.number().int().min(1).max(200, "limit is at most 200.").default(50),
  })
  // A misspelt filter must not quietly show everything.
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: "from must be before to.",
    path: ["from"],
  });

export type ListHistoryQuery = z.infer<typeof listHistoryQuerySchema>;

/** The filters of an export: a list's, without paging. */
export const exportHistoryQuerySchema = listHistoryQuerySchema.transform(
  ({ cursor: _cursor, limit: _limit, ...filters }) => filters,
);

export type HistoryFilters = Omit<ListHistoryQuery, "cursor" | "limit">;

export const historyRecordViewSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: historyActionSchema,
  actor: z.object({
    kind: historyActorKindSchema,
    oid: z.string(),
    name: z.string(),
    ruleId: z.string().nullable(),
  }),
  target: z.object({ userId: z.string(), upn: z.string(), displayName: z.string() }).nullable(),
  graphMode: z.string().nullable(),
  outcome: z.string().nullable(),
  jobId: z.string().nullable(),
  summary: z.string(),
  terms: z.object({ skuIds: z.array(z.string()), codes: z.array(z.string()) }),
  /** This record's hash: the chain continues from it. */
  hash: z.string(),
});

export type HistoryRecordView = z.infer<typeof historyRecordViewSchema>;

export const listHistoryResponseSchema = z.object({
  records: z.array(historyRecordViewSchema),
  /** Pass as `cursor` for the next, older page; null on the last. */
  nextCursor: z.string().nullable(),
});

export type ListHistoryResponse = z.infer<typeof listHistoryResponseSchema>;

/** `GET /api/history/records/{seq}`: one record with its detail (snapshots, diff, Graph's request-ids). */
export const historyRecordParamsSchema = z.object({
  seq: z.string().regex(/^[1-9][0-9]{0,15}$/, "A record is named by its sequence number."),
});

export const historyRecordDetailSchema = historyRecordViewSchema.extend({ detail: z.unknown() });

export type HistoryRecordDetail = z.infer<typeof historyRecordDetailSchema>;

export const HISTORY_CSV_COLUMNS = [
  "seq",
  "at",
  "action",
  "actor_kind",
  "actor_name",
  "actor_oid",
  "rule_id",
  "user_principal_name",
  "display_name",
  "user_id",
  "graph_mode",
  "outcome",
  "products",
  "codes",
  "job_id",
  "summary",
  "hash",
] as const;
