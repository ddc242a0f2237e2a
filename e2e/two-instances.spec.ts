import type { JobView } from "../lib/api/jobs";
import { waitFor } from "../lib/testing/wait";
import { ACCOUNTS } from "./accounts";
import type { AppInstance } from "./support/app-instance";
import { startGraphRelay } from "./support/graph-relay";
import { usersInErrorWithCausesFixed } from "./support/emulator-scenarios";
import { expect, test } from "./support/instances-test";
import { isFinished, JobsClient } from "./support/jobs-client";
import { createPostgresDatabase } from "./support/test-database";
import { acceptedWritesByUser, busiestWindow, reprocessWrites } from "./support/write-log";
import { EMULATOR_URL } from "./urls";

const USERS = 300;
// Graph's write limit scaled in time: 90 writes per 15 s. Each instance alone may send all of them,
// so two instances that did not share the budget would meet 429s.
const WRITES = { limit: 90, windowSeconds: 150 };
const WRITE_LIMITS = { timeScale: 10, appTenantWrites: WRITES };
// The app has no time scale: the same shape is 90 writes per 15 s.
const APP_WRITES = { limit: 90, windowSeconds: 150 / 10 };

test("[INSTANCES] two app instances on one PostgreSQL share a job: each user reprocessed once, by one of them, and no write throttled", async ({
  emulator,
  startInstance,
}) => {
  test.setTimeout(120_000);
  const userIds = await usersInErrorWithCausesFixed(emulator, USERS, 42);
  await emulator.setLimits(WRITE_LIMITS);
  await emulator.setLatency(150);
  await emulator.updateConfig({ reprocessDelayMs: 500 });
  const { token } = await emulator.mint({ kind: "api", user: ACCOUNTS.adele });
  const databaseUrl = await createPostgresDatabase();
  // Each instance reaches the emulator through its own relay, which tells their Graph writes apart.
  const relays = await Promise.all([startGraphRelay(EMULATOR_URL), startGraphRelay(EMULATOR_URL)]);
  const instances: AppInstance[] = [];
  try {
    const common = { storage: { databaseUrl }, leaseSeconds: 5, writeLimit: APP_WRITES };
    // Started together, so both migrate the new database at once as a rolling start would.
    const [a, b] = await Promise.all(
      (["A", "B"] as const).map((name, i) =>
        startInstance({ ...common, name, emulatorUrl: relays[i]!.url }),
      ),
    );
    instances.push(a!, b!);
    const startSeq = await emulator.lastSeq();
    const startedAt = Date.now();
    const job = await new JobsClient(a!.url, token).create({
      kind: "users",
      userIds,
      description: `${USERS} users whose causes were fixed`,
    });

    const done: JobView = await test.step("the job, created on A, completes", async () => {
      // Polled on B: it sees the job A stored.
      const onB = new JobsClient(b!.url, token);
      const finished = await waitFor(
        "the job to finish",
        async () => {
          const now = await onB.get(job.id);
          return isFinished(now) ? now : undefined;
        },
        { timeoutMs: 100_000 },
      );
      expect(finished.status).toBe("completed");
      return finished;
    });
    const seconds = (Date.now() - startedAt) / 1000;

    await test.step("every user has one final, resolved item", async () => {
      const items = await new JobsClient(a!.url, token).items(job.id);
      expect(items).toHaveLength(USERS);
      expect(new Set(items.map((item) => item.userId))).toEqual(new Set(userIds));
      expect([...new Set(items.map((item) => item.state))]).toEqual(["final"]);
      expect([...new Set(items.map((item) => item.outcome))]).toEqual(["resolved"]);
      expect(done.progress.states.final).toBe(USERS);
    });

    await test.step("Graph reprocessed each user exactly once, and both instances did some", async () => {
      const writes = await reprocessWrites(emulator, startSeq);
      const byUser = acceptedWritesByUser(writes);
      expect(new Set(byUser.keys())).toEqual(new Set(userIds));
      const twice = [...byUser].filter(([, userWrites]) => userWrites.length > 1);
      expect(
        twice.map(([userId]) => userId),
        "users reprocessed more than once",
      ).toEqual([]);

      const [byA, byB] = relays.map((relay) => relay.reprocessedUsers());
      expect(byA!.length, "users A reprocessed").toBeGreaterThan(0);
      expect(byB!.length, "users B reprocessed").toBeGreaterThan(0);
      expect(
        byA!.filter((userId) => byB!.includes(userId)),
        "users both reprocessed",
      ).toEqual([]);
      expect(new Set([...byA!, ...byB!])).toEqual(new Set(userIds));

      const throttled = writes.filter((write) => write.status === 429);
      const firstThrottled = JSON.stringify(throttled.slice(0, 3));
      expect(throttled.length, `writes Graph answered with 429, first: ${firstThrottled}`).toBe(0);
      const figures =
        `${USERS} users in ${seconds.toFixed(1)} s (at least ${((USERS - WRITES.limit) / (WRITES.limit / APP_WRITES.windowSeconds)).toFixed(0)} s at the write limit); ` +
        `A wrote ${byA!.length}, B wrote ${byB!.length}; ${writes.length} write requests, ${throttled.length} answered 429; ` +
        `busiest ${APP_WRITES.windowSeconds} s: ${busiestWindow(writes, APP_WRITES.windowSeconds * 1000)} writes (bucket of ${WRITES.limit})`;
      // In the report, not on the terminal: a passing run prints only the summary.
      test.info().annotations.push({ type: "figures", description: figures });
    });
  } finally {
    // Instances first: a relay closed under a running instance would fail its Graph calls.
    await Promise.all(instances.map((instance) => instance.stop()));
    await Promise.all(relays.map((relay) => relay.close()));
  }
});
