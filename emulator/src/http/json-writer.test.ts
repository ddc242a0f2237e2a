import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { writeJson } from "./json-writer";

/** A response that records the chunks written to it. */
function recorder() {
  const chunks: string[] = [];
  const sink = {
    destroyed: false,
    ended: false,
    write: (chunk: string) => chunks.push(chunk),
    end: (chunk: string) => {
      chunks.push(chunk);
      sink.ended = true;
    },
  };
  return { sink, chunks };
}

async function untilEnded(sink: { ended: boolean }) {
  for (let turn = 0; turn < 100 && !sink.ended; turn++) await nextTurn();
}

const page = (count: number) => ({
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#users",
  "@odata.nextLink": "https://graph.microsoft.com/beta/users?$skiptoken=abc",
  value: Array.from({ length: count }, (_, i) => ({ id: `user-${i}`, displayName: `User ${i}` })),
});

describe("the emulator's JSON writer", () => {
  it("sends a collection's next link before any of its items is serialized", () => {
    const { sink, chunks } = recorder();
    writeJson(sink, page(3));
    expect(chunks).toEqual([
      '{"@odata.context":"https://graph.microsoft.com/beta/$metadata#users",' +
        '"@odata.nextLink":"https://graph.microsoft.com/beta/users?$skiptoken=abc","value":[',
    ]);
  });

  it("writes a long page a hundred items a turn, and the whole is the body as JSON", async () => {
    const { sink, chunks } = recorder();
    const body = page(250);
    writeJson(sink, body);
    await untilEnded(sink);
    expect(chunks).toHaveLength(4);
    expect(JSON.parse(chunks.join(""))).toEqual(body);
  });

  it("writes an empty collection and a body without a collection whole", async () => {
    const empty = recorder();
    writeJson(empty.sink, { value: [] });
    await untilEnded(empty.sink);
    expect(JSON.parse(empty.chunks.join(""))).toEqual({ value: [] });

    const single = recorder();
    writeJson(single.sink, { id: "user-1", value: "not a collection" });
    expect(single.sink.ended).toBe(true);
    expect(JSON.parse(single.chunks.join(""))).toEqual({ id: "user-1", value: "not a collection" });
  });

  it("stops writing when the client has gone", async () => {
    const { sink, chunks } = recorder();
    writeJson(sink, page(250));
    sink.destroyed = true;
    for (let turn = 0; turn < 5; turn++) await nextTurn();
    expect(chunks).toHaveLength(1);
    expect(sink.ended).toBe(false);
  });
});
