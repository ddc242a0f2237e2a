import "server-only";
import { randomInt } from "node:crypto";
import { expect, type TestContext } from "vitest";
import { killPlan, runCrashLoop } from "./crash-loop";
import type { JobRouteTest } from "./route-test";

/** The plan's seed: CRASH_LOOP_SEED replays a failure's plan, otherwise a new one. */
const crashSeed = (): number =>
  process.env.CRASH_LOOP_SEED ? Number(process.env.CRASH_LOOP_SEED) : randomInt(2 ** 31);

/** A list of users as its count and its first few, so a failure reads at a glance. */
const counted = (users: string[]) =>
  users.length === 0 ? "none" : `${users.length}: ${users.slice(0, 3).join(", ")}…`;

/**
 * The crash-loop test body: every user ends in one final outcome, no recorded write is sent again, and
 * the last server stops by itself on SIGTERM. A failure names the seed; a pass prints nothing.
 */
export const crashLoopCase =
  (setup: () => JobRouteTest, { users, crashes }: { users: number; crashes: number }) =>
  async ({ annotate }: TestContext): Promise<void> => {
    const seed = crashSeed();
    try {
      const r = setup();
      const run = await runCrashLoop(r.t, r.database, { users, plan: killPlan(seed, crashes) });
      expect(run.users).toBe(users);
      expect(run.kills).toBe(crashes);
      const { unfinished, resentAfterRecorded, sentTwiceByOneLife, neverWritten } = run.audit;
      expect({
        unfinished: counted(unfinished),
        resentAfterRecorded: counted(resentAfterRecorded),
        sentTwiceByOneLife: counted(sentTwiceByOneLife),
        neverWritten: counted(neverWritten),
      }).toEqual({
        unfinished: "none",
        resentAfterRecorded: "none",
        sentTwiceByOneLife: "none",
        neverWritten: "none",
      });
      // Stopped with SIGTERM, the last server exits by itself once its workers are done: 128 + 15.
      expect(run.exitCode, run.lastOutput).toBe(143);
      // Shown by the verbose reporter (npm run test:soak), not by the default one.
      await annotate(
        `${run.kills} kills, ${run.users} users, ${run.audit.writesSent} writes sent ` +
          `(${run.audit.resentAfterLoss} sent again after a crash lost them unrecorded), ` +
          `0 sent again once recorded, in ${run.seconds.toFixed(1)} s`,
      );
    } catch (error) {
      if (error instanceof Error) {
        error.message += `\n\nCrash plan seed ${seed}: replay with CRASH_LOOP_SEED=${seed}.`;
      }
      throw error;
    }
  };
