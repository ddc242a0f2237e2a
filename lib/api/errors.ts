import { z } from "zod";

/** Every error code the API answers with, and its HTTP status: the one table both sides read. */
export const errorCodes = {
  unauthorized: 401,
  forbidden: 403,
  service_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

/** The only shape an error reply has: `{ "error": { "code", "message" } }`. */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: errorCodeSchema, message: z.string() }),
});

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
