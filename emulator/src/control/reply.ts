import type { Reply } from "../http/types";
import type { ZodError } from "zod";

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
