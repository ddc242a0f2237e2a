import { z, type ZodError } from "zod";
import type { EmulatorRequest, Handler, Reply } from "../http/types";
import type { EmulatorState } from "../state";

/** Control API errors share one small shape: `{ error: { code, message } }`. */
export const controlError = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

export const invalidControlBody = (error: ZodError): Reply =>
  controlError(
    400,
    "invalid_request",
    error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
  );

/** For settings-style bodies, where sending nothing means `{}`. */
export const orEmptyObject = <T>(schema: z.ZodType<T>) =>
  z.preprocess((body) => body ?? {}, schema);

/** `handle` on the body `schema` accepts; any other body is a 400 that says what is wrong. */
export function ifValidBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
  handle: (body: T) => Reply | Promise<Reply>,
): Reply | Promise<Reply> {
  const parsed = schema.safeParse(body);
  return parsed.success ? handle(parsed.data) : invalidControlBody(parsed.error);
}

/** A handler for JSON bodies `schema` accepts. */
export const withBody =
  <T>(
    schema: z.ZodType<T>,
    handle: (body: T, req: EmulatorRequest, state: EmulatorState) => Reply | Promise<Reply>,
  ): Handler =>
  (req, state) =>
    ifValidBody(schema, req.body, (body) => handle(body, req, state));
