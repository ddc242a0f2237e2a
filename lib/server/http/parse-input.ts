import "server-only";
import type { z } from "zod";
import { ApiError } from "./api-error";

/** Validates route input with the shared schema; the first problem becomes a 400 before anything runs. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new ApiError("bad_request", `${where}${issue?.message ?? "The request is not valid."}`);
}

/** Reads a JSON body and validates it; a body that is not JSON is a 400 too. */
export async function parseJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError("bad_request", "The request body must be JSON.");
  }
  return parseInput(schema, body);
}
