import { z } from "zod";
import { route } from "../http/router";
import type { Route } from "../http/types";
import type { EmulatorState } from "../state";
import { tenantSize, type TrafficLimits } from "../traffic/limits";
import { orEmptyObject, withBody } from "./reply";

const count = z.number().int().min(1);
const seconds = z.number().positive();

const limitsPatchSchema = z
  .object({
    enabled: z.boolean(),
    timeScale: z.number().positive().max(1_000_000),
    resourceUnits: z
      .object({ small: count, medium: count, large: count, windowSeconds: seconds })
      .partial()
      .strict(),
    appTenantWrites: z.object({ limit: count, windowSeconds: seconds }).partial().strict(),
    tenantWrites: z.object({ limit: count, windowSeconds: seconds }).partial().strict(),
  })
  .partial()
  .strict();

const faultSchema = z
  .object({
    method: z.string().min(1).optional(),
    path: z.string().min(1),
    status: z.number().int().min(100).max(599).optional(),
    times: z.number().int().min(1).default(1),
    retryAfter: z.number().nonnegative().optional(),
    omitRetryAfter: z.boolean().optional(),
    drop: z.boolean().optional(),
    dropAfterHandling: z.boolean().optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    malformedBody: z.boolean().optional(),
  })
  .strict()
  .refine(
    (f) =>
      f.status !== undefined ||
      f.drop === true ||
      f.dropAfterHandling === true ||
      f.latencyMs !== undefined ||
      f.malformedBody === true,
    { message: "a fault needs a status, drop, dropAfterHandling, latencyMs or malformedBody" },
  );

const latencySchema = z.object({ ms: z.number().int().min(0).max(120_000) }).strict();

function limitsView(state: EmulatorState) {
  const { limits } = state.traffic;
  return {
    ...limits,
    tenantSize: tenantSize(state.tenant.users.length),
    buckets: state.traffic.throttler.levels(),
  };
}

function mergeLimits(
  current: TrafficLimits,
  patch: z.infer<typeof limitsPatchSchema>,
): TrafficLimits {
  return {
    enabled: patch.enabled ?? current.enabled,
    timeScale: patch.timeScale ?? current.timeScale,
    resourceUnits: { ...current.resourceUnits, ...patch.resourceUnits },
    appTenantWrites: { ...current.appTenantWrites, ...patch.appTenantWrites },
    tenantWrites: { ...current.tenantWrites, ...patch.tenantWrites },
  };
}

/** Control API for throttling limits, latency and faults. */
export const trafficControlRoutes: Route[] = [
  route("GET", "/_emulator/limits", (_req, state) => ({ status: 200, body: limitsView(state) })),
  route(
    "PUT",
    "/_emulator/limits",
    withBody(orEmptyObject(limitsPatchSchema), (patch, _req, state) => {
      state.traffic.setLimits(mergeLimits(state.traffic.limits, patch));
      return { status: 200, body: limitsView(state) };
    }),
  ),
  route("GET", "/_emulator/faults", (_req, state) => ({
    status: 200,
    body: { latencyMs: state.traffic.latencyMs, faults: state.traffic.faults.list() },
  })),
  route(
    "POST",
    "/_emulator/faults",
    withBody(orEmptyObject(faultSchema), (fault, _req, state) => ({
      status: 201,
      body: state.traffic.faults.add(fault),
    })),
  ),
  route("DELETE", "/_emulator/faults", (_req, state) => {
    state.traffic.faults.clear();
    return { status: 204 };
  }),
  route(
    "PUT",
    "/_emulator/latency",
    withBody(orEmptyObject(latencySchema), ({ ms }, _req, state) => {
      state.traffic.latencyMs = ms;
      return { status: 200, body: { latencyMs: state.traffic.latencyMs } };
    }),
  ),
];
