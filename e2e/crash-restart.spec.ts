import { readFile } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { JobItemView, JobView } from "../lib/api/jobs";
import { sleep, waitFor } from "../lib/testing/wait";
import { ACCOUNTS } from "./accounts";
import {
  holdNextReprocess,
  usersInErrorWithCausesFixed,
  waitForAnswers,
} from "./support/emulator-scenarios";
import { expect, test } from "./support/instances-test";
import { finalCount, isFinished, JobsClient } from "./support/jobs-client";
import { acceptedWritesByUser, reprocessWrites } from "./support/write-log";

const USERS = 500;
// Graph's write limit scaled in time: 200 writes per 15 s, so 500 writes take about 25 s.
const WRITE_LIMITS = { timeScale: 10, appTenantWrites: { limit: 200, windowSeconds: 150 } };
const APP_WRITES = { limit: 200, windowSeconds: 150 / 10 };
const LEASE_SECONDS = 3;

test("[CRASH] a server killed mid-job resumes on restart: every user ends once, and none is reprocessed after their outcome was recorded", async ({
  emulator,
  startInstance,
  newDataDir,
}) => {
  test.setTimeout(120_000);
  const userIds = await usersInErrorWithCausesFixed(emulator, USERS, 41);
  await emulator.setLimits(WRITE_LIMITS);
  await emulator.setLatency(150);
  // Graph applies a reprocess 2 s after the call, so written users wait a while for their check.
  await emulator.updateConfig({ reprocessDelayMs: 2_000 });
  const { token } = await emulator.mint({ kind: "api", user: ACCOUNTS.adele });
  const dataDir = await newDataDir();
  const instance = {
    storage: { dataDir },
    leaseSeconds: LEASE_SECONDS,
    writeLimit: APP_WRITES,
  };

  const first = await startInstance({ ...instance, name: "first" });
  const startSeq = await emulator.lastSeq();
  const startedAt = Date.now();
  const job = await new JobsClient(first.url, token).create({
    kind: "users",
    userIds,
    description: `${USERS} users whose causes were fixed`,
  });
  expect(job.progress.total).toBe(USERS);

  let recordedBeforeKill: JobItemView[] = [];
  let killSeq = 0;
  let mostWritten = 0;
  await test.step("the server is killed (SIGKILL) with a write sent but not answered, some users final", async () => {
    const jobs = new JobsClient(first.url, token);
    // Some users final while others are written and not yet checked: the crash meets every state.
    await waitFor(
      "a fifth of the items to be final and some written",
      async () => {
        const now = await jobs.get(job.id);
        const written = now.progress.states.written ?? 0;
        mostWritten = Math.max(mostWritten, written);
        return finalCount(now) >= USERS / 5 && written > 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    // Graph holds the next reprocess call: the kill falls between sending a batch and recording it.
    await holdNextReprocess(emulator, 2_000);
    // Read just before the kill: these items were recorded as written or final while it ran.
    recordedBeforeKill = (await jobs.items(job.id)).filter((item) =>
      ["written", "final"].includes(item.state),
    );
    await first.kill();
    // A moment for the emulator to take in what the dead server had already put on the wire; then
    // every request numbered up to killSeq is its, every later one the new server's.
    await sleep(500);
    killSeq = await emulator.lastSeq();
    // Graph finishes what the dead server sent (the held batch included) before the new one starts.
    await waitForAnswers(emulator, startSeq, killSeq);
    const final = recordedBeforeKill.filter((item) => item.state === "final").length;
    expect(final, "some users were final at the kill").toBeGreaterThan(0);
    expect(final, "not all users were final at the kill").toBeLessThan(USERS);
  });

  const second = await startInstance({ ...instance, name: "second" });
  await test.step("a new server on the same data folder finishes the job", async () => {
    const jobs = new JobsClient(second.url, token);
    const done: JobView = await waitFor(
      "the job to finish after the restart",
      async () => {
        const now = await jobs.get(job.id);
        return isFinished(now) ? now : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(done.status).toBe("completed");
    expect(done.progress.total).toBe(USERS);
    expect(done.progress.states.final).toBe(USERS);
  });

  const items = await new JobsClient(second.url, token).items(job.id);
  const writes = acceptedWritesByUser(await reprocessWrites(emulator, startSeq));
  // Users written twice: the kill fell between sending their write and recording it.
  const twice = [...writes].filter(([, userWrites]) => userWrites.length > 1);
  const writtenTwice = new Set(twice.map(([userId]) => userId));

  await test.step("every user of the selection has exactly one item, final, with one outcome", async () => {
    expect(items).toHaveLength(USERS);
    expect(new Set(items.map((item) => item.userId))).toEqual(new Set(userIds));
    const notFinal = items.filter((item) => item.state !== "final" || item.outcome === null);
    expect(notFinal, "items without a final outcome").toEqual([]);
    // Every cause was fixed before the job, so every verified outcome is "resolved": for users written
    // before the crash and verified after it, and for users the first write fixed before the second.
    const wrong = items.filter((item) => item.outcome !== "resolved");
    expect(wrong.map((item) => [item.userId, item.outcome, item.message])).toEqual([]);
  });

  await test.step("the emulator saw no user reprocessed after their outcome or write was recorded", async () => {
    expect(new Set(writes.keys()), "users Graph was asked to reprocess").toEqual(new Set(userIds));
    // A write recorded (written or final) before the kill is never sent again.
    const rewritten = recordedBeforeKill.filter((item) => writtenTwice.has(item.userId));
    expect(rewritten.map((item) => item.userId)).toEqual([]);
    // No write reaches Graph after the user's outcome was stored.
    const late = items.filter((item) =>
      (writes.get(item.userId) ?? []).some(
        (write) => Date.parse(write.time) > Date.parse(item.finishedAt ?? ""),
      ),
    );
    expect(late.map((item) => item.userId)).toEqual([]);
    // The held batch's users were written, but not recorded, before the kill: written twice, once
    // by the killed server and once more by the new one after the lease ran out, never a third time.
    expect(twice.length, "users written again after the kill").toBeGreaterThan(0);
    for (const [, [before, after, ...more]] of twice) {
      expect(before?.batchSeq ?? 0).toBeLessThanOrEqual(killSeq);
      expect(after?.batchSeq ?? 0).toBeGreaterThan(killSeq);
      expect(more).toEqual([]);
    }
    const figures =
      `${USERS} users in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; ` +
      `${recordedBeforeKill.filter((i) => i.state === "final").length} final and ` +
      `${recordedBeforeKill.filter((i) => i.state === "written").length} written at the kill ` +
      `(at most ${mostWritten} seen written at once); ` +
      `${twice.length} written twice (in flight at the kill)`;
    // In the report, not on the terminal: a passing run prints only the summary.
    test.info().annotations.push({ type: "figures", description: figures });
  });
});

/** Sends SIGTERM to the server process alone, as `docker stop` or Kubernetes would; resolves once it is gone. */
async function terminate(pid: number, timeoutMs: number): Promise<void> {
  process.kill(pid, "SIGTERM");
  await waitFor(
    `process ${pid} to exit after SIGTERM`,
    async () => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    },
    { timeoutMs, intervalMs: 50 },
  );
}

interface StoredItem {
  user_id: string;
  state: string;
  lease_owner: string | null;
}

/** The job's items as the stopped server left them in its SQLite file (the app's file name). */
function storedItems(dataDir: string, jobId: string): StoredItem[] {
  const database = new Database(join(dataDir, "licensedesk.sqlite"), { readonly: true });
  try {
    return database
      .prepare("select user_id, state, lease_owner from job_items where job_id = ?")
      .all(jobId) as StoredItem[];
  } finally {
    database.close();
  }
}

const TERM_USERS = 120;
// 40 writes per 5 s (scaled as above): the job is still writing when the signal comes.
const TERM_WRITE_LIMITS = { timeScale: 10, appTenantWrites: { limit: 40, windowSeconds: 50 } };
const TERM_APP_WRITES = { limit: 40, windowSeconds: 5 };

test("[SIGTERM] a server stopped mid-job records the write it had sent and gives back every user it held before it exits", async ({
  emulator,
  startInstance,
  newDataDir,
}) => {
  test.setTimeout(120_000);
  const userIds = await usersInErrorWithCausesFixed(emulator, TERM_USERS, 43);
  await emulator.setLimits(TERM_WRITE_LIMITS);
  await emulator.setLatency(150);
  // Graph applies a reprocess 2 s after the call, so written users wait a while for their check.
  await emulator.updateConfig({ reprocessDelayMs: 2_000 });
  const { token } = await emulator.mint({ kind: "api", user: ACCOUNTS.adele });
  const dataDir = await newDataDir();
  // Leases outlast the test: only the stopping server itself can give its users back.
  const instance = { storage: { dataDir }, leaseSeconds: 600, writeLimit: TERM_APP_WRITES };

  const first = await startInstance({ ...instance, name: "first" });
  const startSeq = await emulator.lastSeq();
  const job = await new JobsClient(first.url, token).create({
    kind: "users",
    userIds,
    description: `${TERM_USERS} users whose causes were fixed`,
  });

  let stopSeq = 0;
  await test.step("SIGTERM arrives while a reprocess call is held by Graph", async () => {
    const jobs = new JobsClient(first.url, token);
    await waitFor(
      "some items final and some written",
      async () => {
        const now = await jobs.get(job.id);
        return finalCount(now) > 0 && (now.progress.states.written ?? 0) > 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    await holdNextReprocess(emulator, 3_000);
    await terminate(first.pid, 30_000);
    stopSeq = await emulator.lastSeq();
    await waitForAnswers(emulator, startSeq, stopSeq);
  });

  await test.step("the stopped server left no user claimed and every accepted write recorded", async () => {
    const stored = storedItems(dataDir, job.id);
    expect(stored).toHaveLength(TERM_USERS);
    expect(stored.filter((item) => item.lease_owner !== null)).toEqual([]);
    expect(stored.filter((item) => item.state === "in_flight")).toEqual([]);
    const state = new Map(stored.map((item) => [item.user_id, item.state]));
    const sent = [...acceptedWritesByUser(await reprocessWrites(emulator, startSeq)).keys()];
    // The held call was answered during the shutdown: its users are recorded too, not only the earlier ones.
    expect(
      sent.filter((userId) => !["written", "final"].includes(state.get(userId) ?? "")),
    ).toEqual([]);
    const log = await readFile(first.logFile, "utf8");
    expect(log).toContain("[jobs] SIGTERM: stopping workers");
    expect(log).toContain("[jobs] workers stopped");
  });

  await test.step("a new server finishes the job without sending any write again", async () => {
    const second = await startInstance({ ...instance, name: "second" });
    const jobs = new JobsClient(second.url, token);
    const done = await waitFor(
      "the job to finish after the restart",
      async () => {
        const now = await jobs.get(job.id);
        return isFinished(now) ? now : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(done.progress.states.final).toBe(TERM_USERS);
    const writes = acceptedWritesByUser(await reprocessWrites(emulator, startSeq));
    expect(new Set(writes.keys())).toEqual(new Set(userIds));
    const twice = [...writes].filter(([, userWrites]) => userWrites.length > 1);
    expect(twice.map(([userId]) => userId)).toEqual([]);
  });
});

test("[SIGTERM] a server stopped while an admin follows a running job still exits, within its grace", async ({
  emulator,
  startInstance,
  newDataDir,
}) => {
  test.setTimeout(90_000);
  const userIds = await usersInErrorWithCausesFixed(emulator, 5, 44);
  // Graph applies the reprocess only after the stop: the job is still running, so its stream stays open.
  await emulator.updateConfig({ reprocessDelayMs: 120_000 });
  const { token } = await emulator.mint({ kind: "api", user: ACCOUNTS.adele });
  const server = await startInstance({
    storage: { dataDir: await newDataDir() },
    leaseSeconds: 600,
    name: "followed",
  });
  const jobs = new JobsClient(server.url, token);
  const job = await jobs.create({ kind: "users", userIds, description: "5 users" });
  await waitFor(
    "every user written",
    async () => ((await jobs.get(job.id)).progress.states.written === 5 ? true : undefined),
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  const stream = await fetch(`${server.url}/api/jobs/${job.id}/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const reader = stream.body!.getReader();
  expect((await reader.read()).done).toBe(false);

  const signalledAt = Date.now();
  // Workers stop at once (nothing is being sent); Next then gets 5 s for its requests, the open stream included.
  await terminate(server.pid, 20_000);
  expect(Date.now() - signalledAt).toBeLessThan(15_000);
  await reader.cancel().catch(() => {});
});
