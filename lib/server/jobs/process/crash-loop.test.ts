import { afterAll, beforeAll, describe, it } from "vitest";
import { type JobRouteTest, startJobRouteTest } from "@/lib/server/jobs/testing/route-test";
import { crashLoopCase } from "@/lib/server/jobs/testing/crash-loop-case";

let r: JobRouteTest;
beforeAll(async () => {
  r = await startJobRouteTest();
}, 60_000);
afterAll(() => r.close());

// `npm run test:soak` kills the server ten times (crash-loop.soak.test.ts); the default run three.
describe("a job's server killed at random points and restarted", () => {
  it(
    "ends each of 1,000 users once and never sends a recorded write again (3 kills)",
    crashLoopCase(() => r, { users: 1_000, crashes: 3 }),
    180_000,
  );
});
