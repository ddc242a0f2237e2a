import { z } from "zod";

export const webhookKindSchema = z.enum(["json", "teams"]);

export const webhookViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: webhookKindSchema,
  /** `https://host/…`: the URL itself is never shown again. */
  targetHint: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export type WebhookView = z.infer<typeof webhookViewSchema>;

/** `GET /api/settings/watch`: the watch, its last run, and where notifications go. */
export const watchSettingsResponseSchema = z.object({
  enabled: z.boolean(),
  intervalMinutes: z.number().int(),
  lastRun: z
    .object({
      startedAt: z.string(),
      finishedAt: z.string(),
      appeared: z.number().int(),
      cleared: z.number().int(),
    })
    .nullable(),
  /** A run asked for and not started yet. */
  runPending: z.boolean(),
  /** Where notification links point; null: they carry none (set LICENSEDESK_PUBLIC_URL). */
  publicUrl: z.string().nullable(),
  webhooks: z.array(webhookViewSchema),
  /** Products whose waiting users are reprocessed when seats are free. */
  seatsRules: z.array(z.object({ skuId: z.string(), enabled: z.boolean(), owner: z.string() })),
});

export type WatchSettingsResponse = z.infer<typeof watchSettingsResponseSchema>;

/** `PUT /api/settings/watch`. */
export const updateWatchSettingsBodySchema = z
  .object({
    enabled: z.boolean().optional(),
    intervalMinutes: z
      .number()
      .int("The interval is a whole number of minutes.")
      .min(5, "The watch checks at most every 5 minutes.")
      .max(1440, "The watch checks at least once a day (1440 minutes).")
      .optional(),
  })
  .strict()
  .refine((b) => b.enabled !== undefined || b.intervalMinutes !== undefined, "Say what to change.");

export type UpdateWatchSettingsBody = z.infer<typeof updateWatchSettingsBodySchema>;

/** `POST /api/settings/webhooks`: the URL is checked again on the server (https, no private addresses). */
export const createWebhookBodySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the webhook a name.")
      .max(80, "A name of at most 80 characters."),
    kind: webhookKindSchema,
    url: z
      .string()
      .max(2048, "A webhook URL of at most 2,048 characters.")
      .url("Paste the webhook's whole URL."),
  })
  .strict();

export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

export const webhookParamsSchema = z.object({
  id: z.uuid({ error: "A webhook is named by its id." }),
});

/** `POST /api/settings/webhooks/{id}/test`: what the receiver answered. */
export const testWebhookResponseSchema = z.object({
  ok: z.boolean(),
  status: z.number().int().nullable(),
});

export type TestWebhookResponse = z.infer<typeof testWebhookResponseSchema>;

/** `PUT /api/settings/rules/{skuId}`: reprocess the users waiting for this product when its seats are free. */
export const seatsRuleParamsSchema = z.object({
  skuId: z.guid({ error: "A product is named by its skuId." }),
});

export const setSeatsRuleBodySchema = z.object({ enabled: z.boolean() }).strict();

export type SetSeatsRuleBody = z.infer<typeof setSeatsRuleBodySchema>;
