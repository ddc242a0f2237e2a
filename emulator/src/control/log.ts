import { z } from "zod";
import { route } from "../http/router";
import type { Route } from "../http/types";
import { invalidControlBody } from "./reply";

const logQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().optional(),
  path: z.string().optional(),
  method: z.string().optional(),
});

/** Control API for the request log, so tests can assert what a client sent. */
export const logControlRoutes: Route[] = [
  route("GET", "/_emulator/requests", (req, state) => {
    const parsed = logQuerySchema.safeParse(Object.fromEntries(req.query));
    if (!parsed.success) return invalidControlBody(parsed.error);
    const { since, path, method } = parsed.data;
    return {
      status: 200,
      body: {
        lastSeq: state.log.lastSeq,
        requests: state.log.list({ since, pathContains: path, method }),
      },
    };
  }),
  route("DELETE", "/_emulator/requests", (_req, state) => {
    state.log.clear();
    return { status: 204 };
  }),
];
