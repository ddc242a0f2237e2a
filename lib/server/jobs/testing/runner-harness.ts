import "server-only";
import { expect } from "vitest";
import type { Database } from "../../db/database";
import { GraphClient } from "../../graph/client";
import { graphRequests } from "../../graph/requests";
import { getGraphSettings } from "../../graph/settings";
import { acquireGraphToken } from "../../graph/token";
import { graphDirectoryObjectSchema, graphGroupSchema } from "../../graph/types";
import type { TestEmulator } from "../../testing/emulator";
import { createJob } from "../create-job";
import { getJob } from "../queries";
import { runWorker, type WorkerLimits, type WorkerOptions } from "../runner";
import type { NewJobItem } from "../types";
import { readBudget } from "../read-budget";
import { writeBudget } from "../write-budget";
import { ADELE } from "./fixtures";

export const LIMITS: Partial<WorkerLimits> = {
  claimMax: 40,
  leaseMs: 10_000,
  idleMs: 50,
  backoffBaseMs: 100,
  backoffMaxMs: 1_000,
  verify: { timeoutMs: 3_000, quietMs: 600, firstDelayMs: 150, maxDelayMs: 400 },
};

export { EVERY_CAUSE_FIXED as FIXED } from "@/lib/testing/emulator-control";

export interface LoggedCall {
  method: string;
  path: string;
  status: number;
  time: string;
  batchSeq?: number;
}

/** An app-only client on the emulator whose own retries are off, as the worker's are. */
export async function workerGraphClient(): Promise<GraphClient> {
  const settings = await getGraphSettings();
  return new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, ""),
    retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
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

/** Runs a worker until `done`, then stops it. */
export async function runUntil(
  database: Database,
  tenantId: string,
  options: Pick<WorkerOptions, "graphForJob" | "owner"> & Partial<WorkerOptions>,
  done: () => Promise<boolean>,
): Promise<void> {
  const controller = new AbortController();
  const run = runWorker({
    db: database,
    budget: writeBudget(database, { appId: "daemon", tenantId }),
    reads: readBudget(database, { appId: "daemon", tenantId }),
    limits: LIMITS,
    signal: controller.signal,
    ...options,
  });
  await waitFor(done);
  controller.abort();
  await run;
}
