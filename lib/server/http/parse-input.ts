import "server-only";
import type { z } from "zod";
import { ApiError } from "./api-error";
import { readBodyText } from "./read-body";

/** Validates route input with the shared schema; the first problem becomes a 400 before anything runs. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new ApiError("bad_request", `${where}${issue?.message ?? "The request is not valid."}`);
}

/** Reads a JSON body of at most `maxBytes` (413 above) and validates it; a body that is not JSON is a 400. */
export async function parseJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  maxBytes: number,
): Promise<z.infer<T>> {
  const text = await readBodyText(request, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "The request body must be JSON.");
  }
  return parseInput(schema, body);
}

/** The query string as one value per name, validated; a name given twice is ambiguous, so a 400. */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const query = new Map<string, string>();
  for (const [name, value] of new URL(request.url).searchParams) {
    if (query.has(name)) {
      throw new ApiError(
        "bad_request",
        `The query parameter ${JSON.stringify(name.slice(0, 40))} is given more than once.`,
      );
    }
    query.set(name, value);
  }
  return parseInput(schema, Object.fromEntries(query));
}
