import "server-only";
import type { DialectName } from "@/lib/server/db/database";
import type { ItemOutcome } from "@/lib/server/jobs/store/types";
import type { GraphFault } from "@/lib/testing/emulator-types";
import { type DatabaseFault, driverError, type Statement } from "./failing-database";

export interface BulkFaultCase {
  name: string;
  /** Armed before the job runs; they fire in order. */
  graph?: GraphFault[];
  /** Armed before the job runs. */
  database?: (dialect: DialectName) => DatabaseFault;
  /** The Graph client's time-out per attempt. */
  timeoutMs?: number;
  /** Every user ends here, saying this (what the job page shows). */
  outcome: ItemOutcome;
  message: RegExp;
  /** Whether the reprocess reached every user: the emulator's users show it. */
  applied: boolean;
  /**
   * Reprocess requests Graph saw in all: exactly (waiting for late ones, so none lands in the next
   * case), or at most (the database's timing varies).
   */
  writes: { exactly: number } | { atMost: number };
  /** Attempts each user's item counted, when the case decides it. */
  attempts?: number;
  /** Most user reads per user (before the write and in the checks). */
  maxReads?: number;
  /** Most requests on one path in the whole case. */
  maxCalls?: { path: string; count: number };
}

const REPROCESS = "/users/*/reprocessLicenseAssignment";
const USER_READ = { method: "GET", path: "/users/*" };
// Lets the first `times` matching requests through untouched, so the faults after it hit later ones.
const pass = (fault: Omit<GraphFault, "latencyMs">, times: number): GraphFault => ({
  ...fault,
  latencyMs: 0,
  times,
});
// The worker's first $batch reads the users, the second writes, the later ones check.
const BATCH = { method: "POST", path: "/$batch" };
const LASTING = 1_000;

const RESOLVED = /^Resolved: /;
const sentNotChecked = (said: string) =>
  new RegExp(`^The reprocess was sent, but its result could not be checked \\(6 tries\\): ${said}`);
const gaveUp = (said: string) => new RegExp(`^Gave up after 6 attempts; the last: ${said}`);

const burst = (status: number): BulkFaultCase => ({
  name: `a burst of ${status} on the writes is retried and every user resolved`,
  graph: [{ method: "POST", path: REPROCESS, status, times: 8 }],
  outcome: "resolved",
  message: RESOLVED,
  applied: true,
  writes: { exactly: 12 },
});

const everyChange = (s: { kind: string; table?: string }) =>
  s.kind !== "select" && s.table === "job_items";

/** The bulk fault matrix: each case ends with every user in one final, truthful state. */
export const BULK_FAULT_CASES: BulkFaultCase[] = [
  {
    name: "a 429 storm with Retry-After on the writes is waited out and every user resolved",
    graph: [{ method: "POST", path: REPROCESS, status: 429, retryAfter: 0.3, times: 8 }],
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { exactly: 12 },
  },
  {
    name: "a 429 storm without Retry-After on the writes backs off and every user resolved",
    graph: [{ method: "POST", path: REPROCESS, status: 429, omitRetryAfter: true, times: 8 }],
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { exactly: 12 },
  },
  {
    name: "a 429 storm that outlasts the attempts fails every user after six, unwritten",
    graph: [{ method: "POST", path: REPROCESS, status: 429, retryAfter: 0.1, times: LASTING }],
    outcome: "failed",
    message: gaveUp("Microsoft Graph is throttling Licensedesk"),
    applied: false,
    writes: { exactly: 24 },
  },
  burst(500),
  burst(502),
  burst(503),
  burst(504),
  {
    name: "a lasting 500 on the writes fails every user after six attempts, unwritten",
    graph: [{ method: "POST", path: REPROCESS, status: 500, times: LASTING }],
    outcome: "failed",
    message: gaveUp("Microsoft Graph answered 500 generalException"),
    applied: false,
    writes: { exactly: 24 },
  },
  {
    name: "a connection dropped before the writes ran is retried and every user resolved",
    graph: [{ method: "POST", path: REPROCESS, drop: true, times: 2 }],
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { exactly: 4 },
  },
  {
    name: "a connection dropped after the writes ran is retried (they were not recorded) and every user resolved",
    graph: [pass(BATCH, 1), { ...BATCH, dropAfterHandling: true, times: 1 }],
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { exactly: 8 },
  },
  {
    name: "writes answered after the client's time-out are retried and every user resolved",
    graph: [pass(BATCH, 1), { ...BATCH, latencyMs: 1_500, times: 1 }],
    timeoutMs: 1_000,
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    // The late batch lands after the retry, maybe after the job ends: the case waits for it.
    writes: { exactly: 8 },
  },
  {
    name: "a write $batch answered with malformed JSON is retried and every user resolved",
    graph: [pass(BATCH, 1), { ...BATCH, malformedBody: true, times: 1 }],
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { exactly: 8 },
  },
  {
    name: "reads before the write answered with malformed JSON: written without a snapshot, every user resolved",
    graph: [{ ...BATCH, malformedBody: true, times: 1 }],
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { exactly: 4 },
  },
  {
    name: "500s on the reads before the write: written without a snapshot, every user resolved",
    graph: [{ ...USER_READ, status: 500, times: 4 }],
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { exactly: 4 },
  },
  {
    name: "a short 429 storm on the checks is waited out and every user resolved",
    graph: [pass(USER_READ, 4), { ...USER_READ, status: 429, retryAfter: 0.2, times: 8 }],
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { exactly: 4 },
  },
  {
    name: "a lasting 403 on the checks ends every user timed out: sent, could not be checked",
    graph: [pass(USER_READ, 4), { ...USER_READ, status: 403, times: LASTING }],
    outcome: "timed_out",
    message: sentNotChecked("Microsoft Graph refused the request"),
    applied: true,
    writes: { exactly: 4 },
    maxReads: 7,
  },
  {
    name: "a lasting 503 on the checks ends every user timed out: sent, could not be checked",
    graph: [pass(USER_READ, 4), { ...USER_READ, status: 503, times: LASTING }],
    outcome: "timed_out",
    message: sentNotChecked("Microsoft Graph answered 503 serviceNotAvailable"),
    applied: true,
    writes: { exactly: 4 },
    maxReads: 7,
  },
  {
    name: "a lasting 403 on the tenant's subscriptions ends every user timed out after six tries",
    graph: [{ method: "GET", path: "/subscribedSkus", status: 403, times: LASTING }],
    outcome: "timed_out",
    message: sentNotChecked("Microsoft Graph refused the request"),
    applied: true,
    writes: { exactly: 4 },
    maxCalls: { path: "/subscribedSkus", count: 6 },
  },
  {
    name: "lasting dropped connections on the checks end every user timed out after six tries",
    graph: [pass(BATCH, 2), { ...BATCH, drop: true, times: LASTING }],
    outcome: "timed_out",
    message: sentNotChecked("Microsoft Graph could not be reached"),
    applied: true,
    writes: { exactly: 4 },
    maxCalls: { path: "/$batch", count: 8 },
  },
  {
    name: "checks answered past the client's time-out end every user timed out after six tries",
    graph: [pass(BATCH, 2), { ...BATCH, latencyMs: 1_500, times: LASTING }],
    timeoutMs: 1_000,
    outcome: "timed_out",
    message: sentNotChecked("Microsoft Graph did not answer in time"),
    applied: true,
    writes: { exactly: 4 },
    maxCalls: { path: "/$batch", count: 8 },
  },
  {
    name: "checks answered with malformed JSON end every user timed out after six tries",
    graph: [pass(BATCH, 2), { ...BATCH, malformedBody: true, times: LASTING }],
    outcome: "timed_out",
    message: sentNotChecked("Microsoft Graph's answer \\(200\\) could not be read"),
    applied: true,
    writes: { exactly: 4 },
    maxCalls: { path: "/$batch", count: 8 },
  },
];

/** The statement that records a write (markWritten). */
export const recordingWrite = (s: Statement) =>
  s.kind === "update" && s.table === "job_items" && s.sets.includes("written_at");

// From the first write the worker records, for a while: the answers of a sent batch meet the fault.
const WHILE_RECORDING = { matches: recordingWrite, forMs: 1_500 };

/** Database faults, run on each dialect. */
export const BULK_DATABASE_FAULT_CASES: BulkFaultCase[] = [
  {
    name: "the database locked for a while as writes are recorded: the users go back, and every user is resolved",
    database: (dialect) => ({
      from: WHILE_RECORDING,
      matches: everyChange,
      error: () => driverError(dialect, "locked"),
    }),
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { atMost: 8 },
    // Given back with the attempt counted, not left for their leases to run out.
    attempts: 1,
  },
  {
    name: "the database gone for a while as writes are recorded: the users go back, and every user is resolved",
    database: (dialect) => ({ from: WHILE_RECORDING, error: () => driverError(dialect, "gone") }),
    outcome: "resolved",
    message: RESOLVED,
    applied: true,
    writes: { atMost: 8 },
    // Given back with the attempt counted, not left for their leases to run out.
    attempts: 1,
  },
];
