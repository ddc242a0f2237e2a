import { afterAll, beforeAll, describe, it } from "vitest";
import { type JobRouteTest, startJobRouteTest } from "@/lib/server/jobs/testing/route-test";
import { crashLoopCase } from "@/lib/server/jobs/testing/crash-loop-case";

let r: JobRouteTest;
beforeAll(async () => {
  r = await startJobRouteTest();
}, 60_000);
afterAll(() => r.close());

// Only in `npm run test:soak`: the default run kills three times (crash-loop.test.ts).
describe("a job's server killed at random points and restarted (soak)", () => {
  it(
    "ends each of 1,000 users once and never sends a recorded write again (10 kills)",
    crashLoopCase(() => r, { users: 1_000, crashes: 10 }),
    600_000,
  );
});
