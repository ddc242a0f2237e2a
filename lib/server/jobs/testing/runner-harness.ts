import "server-only";
import { expect } from "vitest";
import type { Database } from "../../db/database";
import { GraphClient } from "../../graph/client";
import {
  databasePacer,
  type GraphPacer,
  type PacerOptions,
  unpaced,
} from "../../graph/pacing/pacer";
import { graphRequests } from "../../graph/requests";
import { getGraphSettings } from "../../graph/settings";
import { acquireGraphToken } from "../../graph/token";
import { graphDirectoryObjectSchema, graphGroupSchema } from "../../graph/types";
import type { WatchTiming } from "../../licensing/verdict";
import type { TestEmulator } from "../../testing/emulator";
import { createJob } from "@/lib/server/jobs/store/create-job";
import { getJob } from "@/lib/server/jobs/store/queries";
import type { WorkerLimits } from "@/lib/server/jobs/worker/limits";
import { runWorker, type WorkerOptions } from "@/lib/server/jobs/worker/run-worker";
import type { NewJobItem } from "@/lib/server/jobs/store/types";
import { ADELE } from "./fixtures";

export const LIMITS: Partial<WorkerLimits> = {
  claimMax: 40,
  leaseMs: 10_000,
  idleMs: 50,
  backoffBaseMs: 100,
  backoffMaxMs: 1_000,
  statusPollMs: 100,
};

/** Checks sooner and a shorter watch than in production, so the tests take seconds. */
export const TIMING: WatchTiming = {
  timeoutMs: 3_000,
  quietMs: 600,
  firstDelayMs: 150,
  maxDelayMs: 400,
};

/** Graph's published limits for this app and tenant, kept on the test's database. */
export const pacerOn = (
  database: Database,
  tenantId: string,
  options: Partial<PacerOptions> = {},
): GraphPacer =>
  databasePacer(database, {
    appId: "daemon",
    tenantId,
    writes: { capacity: 3000, windowMs: 150_000 },
    resourceUnits: { capacity: 3500, windowMs: 10_000 },
    ...options,
  });

export { EVERY_CAUSE_FIXED as FIXED } from "@/lib/testing/emulator-control";

export interface LoggedCall {
  seq: number;
  method: string;
  path: string;
  status: number;
  time: string;
  batchSeq?: number;
  requestId: string;
}

/**
 * An app-only bulk client on the emulator whose own retries are off, as the worker's are; `timeoutMs`
 * shortens each attempt, so a test can outwait it.
 */
export async function workerGraphClient(
  pacer: GraphPacer = unpaced,
  { timeoutMs }: { timeoutMs?: number } = {},
): Promise<GraphClient> {
  const settings = await getGraphSettings();
  return new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, ""),
    retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    timeoutMs,
    pacer,
    priority: "bulk",
  });
}

/** Users in error, as the grid would list them, through Graph. */
export async function usersInError(graph: GraphClient, count: number): Promise<NewJobItem[]> {
  const groups = await graph.listAll(graphRequests.groupsWithLicenseErrors(), graphGroupSchema);
  const ids = new Set<string>();
  for (const group of groups) {
    const members = await graph.listAll(
      graphRequests.membersWithLicenseErrors(group.id),
      graphDirectoryObjectSchema,
    );
    for (const member of members) ids.add(member.id);
  }
  expect(ids.size).toBeGreaterThanOrEqual(count);
  return [...ids].slice(0, count).map((id) => ({ userId: id, upn: id, displayName: id }));
}

export const newJob = (database: Database, tenantId: string, items: NewJobItem[]) =>
  createJob(database, {
    tenantId,
    createdBy: ADELE,
    selection: { description: `${items.length} selected users` },
    items,
    now: Date.now(),
  });

export async function loggedCalls(
  emulator: TestEmulator,
  since: number,
  path: string,
): Promise<LoggedCall[]> {
  const { requests } = await emulator.control<{ requests: LoggedCall[] }>(
    "GET",
    `/_emulator/requests?since=${since}&path=${encodeURIComponent(path)}`,
  );
  return requests;
}

export const reprocessCalls = (emulator: TestEmulator, since: number) =>
  loggedCalls(emulator, since, "reprocessLicenseAssignment");

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const completed = (database: Database, jobId: string) => async () =>
  ["completed", "cancelled"].includes((await getJob(database, jobId))?.status ?? "");

/**
 * Runs a worker until `done` (failing after `timeoutMs`), then stops it; its Graph is paced on the
 * test's database unless given.
 */
export async function runUntil(
  database: Database,
  tenantId: string,
  options: Pick<WorkerOptions, "owner"> & Partial<WorkerOptions>,
  done: () => Promise<boolean>,
  timeoutMs?: number,
): Promise<void> {
  const controller = new AbortController();
  const graph = await workerGraphClient(pacerOn(database, tenantId));
  const run = runWorker({
    db: database,
    graphForJob: async () => graph,
    limits: LIMITS,
    timing: TIMING,
    signal: controller.signal,
    ...options,
  });
  try {
    await waitFor(done, timeoutMs);
  } finally {
    controller.abort();
    await run;
  }
}
