/** What the writer needs of a response: a ServerResponse, or a recorder in tests. */
export interface JsonSink {
  readonly destroyed: boolean;
  write(chunk: string): unknown;
  end(chunk: string): unknown;
}

/** Items serialized in one turn of the event loop: a long page never keeps the emulator from its next request. */
const ITEMS_PER_TURN = 100;

/**
 * Writes a JSON body. A collection goes out as an OData writer sends it: its annotations (the next link
 * among them) first, so a client can ask for the next page while this one is on its way, then its items a
 * hundred a turn. Node holds a write until the next tick, so the annotations leave before any item is
 * serialized.
 */
export function writeJson(sink: JsonSink, body: unknown): void {
  const { value, ...annotations } = (body ?? {}) as { value?: unknown };
  if (!Array.isArray(value)) {
    sink.end(JSON.stringify(body));
    return;
  }
  const head = JSON.stringify(annotations);
  sink.write(`${head.slice(0, -1)}${head === "{}" ? "" : ","}"value":[`);
  writeItems(sink, value, 0);
}

function writeItems(sink: JsonSink, items: unknown[], from: number): void {
  setImmediate(() => {
    if (sink.destroyed) return;
    const to = Math.min(from + ITEMS_PER_TURN, items.length);
    const serialized = items.slice(from, to).map((item) => JSON.stringify(item));
    const chunk = `${from > 0 && to > from ? "," : ""}${serialized.join(",")}`;
    if (to >= items.length) {
      sink.end(`${chunk}]}`);
      return;
    }
    sink.write(chunk);
    writeItems(sink, items, to);
  });
}
