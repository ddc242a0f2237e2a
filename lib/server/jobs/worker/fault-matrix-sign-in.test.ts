import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/server/db/database";
import { closeAppDatabase } from "@/lib/server/db/app-database";
import { useTestDatabase } from "@/lib/server/db/testing/test-database";
import { verifyAccessToken } from "@/lib/server/auth/verify-access-token";
import { getGraphSettings } from "@/lib/server/graph/settings";
import type { Caller } from "@/lib/server/http/with-auth";
import { startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import {
  actorOf,
  graphForJob,
  keepCreatorCredentials,
  sealCreatorCredential,
} from "@/lib/server/jobs/credentials/job-credentials";
import { JOB_CONTROLS, readHistory } from "@/lib/server/history/read-history";
import { createJob } from "@/lib/server/jobs/store/create-job";
import { pauseJobForSignIn } from "@/lib/server/jobs/store/job-control";
import { getJob, listJobItems } from "@/lib/server/jobs/store/queries";
import { completed, FIXED, runUntil } from "@/lib/server/jobs/testing/runner-harness";

interface SignInCase {
  name: string;
  /** What Entra answers the on-behalf-of exchange with until the creator signs in again. */
  error: "invalid_grant" | "interaction_required";
  /** Refused from the job's start, or only the newer sign-in the creator brings mid-job. */
  when: "start" | "new sign-in mid-job";
}

/** The sign-in column of the bulk fault matrix (the Graph and database ones are in fault-matrix.test.ts). */
const CASES: SignInCase[] = [
  { name: "on-behalf-of invalid_grant from the start", error: "invalid_grant", when: "start" },
  {
    name: "on-behalf-of interaction_required from the start",
    error: "interaction_required",
    when: "start",
  },
  {
    name: "a newer sign-in that Entra refuses mid-job (interaction_required)",
    error: "interaction_required",
    when: "new sign-in mid-job",
  },
];

const USERS = 4;
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ GRAPH_MODE: "delegated" });
}, 30_000);

afterAll(async () => {
  await closeAppDatabase();
  await emulator.close();
});

beforeEach(async () => {
  await emulator.control("POST", "/_emulator/reset", { to: "demo" });
  await emulator.control("PATCH", "/_emulator/config", { reprocessDelayMs: 100 });
});

/** Adele signed in: her API token, as withAuth hands it to the job routes. */
async function signIn(expiresInSeconds: number): Promise<Caller> {
  const accessToken = await emulator.mint({ expiresInSeconds });
  return { user: await verifyAccessToken(accessToken), accessToken };
}

async function fixedUsersInError(): Promise<string[]> {
  const { usersInError } = await emulator.control<{ usersInError: { id: string }[] }>(
    "GET",
    "/_emulator/state",
  );
  const ids = usersInError.slice(0, USERS).map((user) => user.id);
  for (const id of ids) await emulator.control("PATCH", `/_emulator/users/${id}`, FIXED);
  return ids;
}

async function newDelegatedJob(database: Database, caller: Caller, userIds: string[]) {
  const settings = await getGraphSettings();
  const id = randomUUID();
  return createJob(database, {
    id,
    tenantId: emulator.tenantId,
    createdBy: actorOf(caller),
    selection: { description: `${userIds.length} selected users` },
    items: userIds.map((userId) => ({ userId, upn: userId, displayName: userId })),
    now: Date.now(),
    credential: sealCreatorCredential(caller, settings, id),
  });
}

const refuseOnBehalfOf = (error: SignInCase["error"]) =>
  emulator.client.injectIdentityFaults({ onBehalfOf: { error, untilCleared: true } });

describe("bulk job fault matrix: sign-in", () => {
  const testDb = useTestDatabase("sqlite");

  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s pauses the job 'sign-in required' with nothing failed, and it finishes once the creator signs in again",
    async (_name, c) => {
      const { database } = testDb();
      const settings = await getGraphSettings();
      const userIds = await fixedUsersInError();
      const jobId = await newDelegatedJob(database, await signIn(3_600), userIds);
      if (c.when === "start") await refuseOnBehalfOf(c.error);
      const seq = await emulator.lastSeq();
      let step: "running" | "refused" | "paused" | "signed in again" =
        c.when === "start" ? "refused" : "running";
      let pausedAt = { seq: 0, finished: -1 };
      let quietWhilePaused: unknown[] | undefined;

      await runUntil(
        database,
        emulator.tenantId,
        {
          owner: "w1",
          graphForJob: (id) => graphForJob(database, id),
          onCredentialsUnavailable: async (id) => {
            await pauseJobForSignIn(database, { jobId: id, now: Date.now() });
          },
        },
        async () => {
          const job = (await getJob(database, jobId))!;
          if (step === "running" && job.progress.states.written > 0) {
            // Adele's newer sign-in reaches the job (her next request), but Entra refuses to exchange it.
            await refuseOnBehalfOf(c.error);
            await keepCreatorCredentials(database, await signIn(5_400), {
              settings,
              now: Date.now(),
            });
            step = "refused";
          }
          const { items } = await listJobItems(database, jobId);
          if (step === "refused" && job.pauseReason === "sign_in_required") {
            if (items.some((i) => i.leaseOwner !== null)) return false;
            pausedAt = { seq: await emulator.lastSeq(), finished: job.progress.states.final };
            step = "paused";
          }
          if (step === "paused") {
            // A few of the worker's rounds go by: nothing of a job waiting for sign-in reaches Graph.
            await new Promise((resolve) => setTimeout(resolve, 500));
            quietWhilePaused = await emulator.graphCallsSince(pausedAt.seq);
            await emulator.client.clearIdentityFaults();
            await keepCreatorCredentials(database, await signIn(7_200), {
              settings,
              now: Date.now(),
            });
            step = "signed in again";
          }
          return step === "signed in again" && completed(database, jobId)();
        },
        40_000,
      );

      expect(quietWhilePaused).toEqual([]);
      if (c.when === "start") {
        expect(pausedAt.finished).toBe(0);
        const calls = await emulator.graphCallsSince(seq);
        expect(
          calls.filter((call) => call.path.includes("reprocessLicenseAssignment")),
        ).toHaveLength(USERS);
      }
      const { items } = await listJobItems(database, jobId);
      for (const item of items) {
        expect(item).toMatchObject({ state: "final", outcome: "resolved" });
        expect(item.detail?.message).toMatch(/^Resolved: /);
      }
      const audit = await readHistory(database, {
        tenantId: emulator.tenantId,
        jobId,
        actions: JOB_CONTROLS,
      });
      expect(audit.map((event) => [event.action, event.actor.name])).toEqual([
        ["job.resumed", "Adele Vance"],
        ["job.paused", "Licensedesk"],
        ["job.created", "Adele Vance"],
      ]);
      expect(audit[1]!.body.detail).toEqual({ reason: "sign_in_required" });
    },
    60_000,
  );
});
