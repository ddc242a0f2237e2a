import { z } from "zod";
import { route } from "../http/router";
import type { Route } from "../http/types";
import { orEmptyObject, withBody } from "./reply";

const configPatchSchema = z
  .object({
    issuerBase: z.url().optional(),
    accessTokenLifetimeSeconds: z.number().int().min(1).max(86_400).optional(),
    refreshTokenLifetimeSeconds: z.number().int().min(1).max(7_776_000).optional(),
    reprocessDelayMs: z.number().int().min(0).max(600_000).optional(),
    cloudLicensingApi: z.enum(["available", "forbidden", "notFound"]).optional(),
  })
  .strict();

/** Control API for run-time settings: token lifetimes, issuer, reprocess delay, beta cloud licensing. */
export const configControlRoutes: Route[] = [
  route("GET", "/_emulator/config", (_req, state) => ({ status: 200, body: state.config })),
  route(
    "PATCH",
    "/_emulator/config",
    withBody(orEmptyObject(configPatchSchema), (patch, _req, state) => {
      Object.assign(state.config, patch);
      return { status: 200, body: state.config };
    }),
  ),
];
