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
