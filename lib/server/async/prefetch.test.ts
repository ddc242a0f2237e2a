import { describe, expect, it } from "vitest";
import { prefetched } from "./prefetch";

/** A source that records when each item was asked for and when the consumer was done with it. */
function recordingSource(count: number, log: string[]) {
  return {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < count; i++) {
        log.push(`ask ${i}`);
        await Promise.resolve();
        yield i;
      }
    },
  };
}

describe("prefetched", () => {
  it("asks for the next item before the consumer has finished with the current one", async () => {
    const log: string[] = [];
    for await (const item of prefetched(recordingSource(3, log))) log.push(`use ${item}`);
    expect(log).toEqual(["ask 0", "ask 1", "use 0", "ask 2", "use 1", "use 2"]);
  });

  it("throws a failure of an item asked for early only when the consumer reaches it", async () => {
    const seen: number[] = [];
    async function* failing() {
      yield 1;
      throw new Error("page 2 failed");
    }
    await expect(async () => {
      for await (const item of prefetched(failing())) seen.push(item);
    }).rejects.toThrow("page 2 failed");
    expect(seen).toEqual([1]);
  });
});
