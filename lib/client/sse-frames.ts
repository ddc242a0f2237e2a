/** One server-sent event: its name (the `event:` field) and its data lines joined. */
export interface SseFrame {
  event: string | null;
  data: string;
}

/**
 * Groups the lines of a `text/event-stream` into events as the HTML spec reads them: fields until a
 * blank line, `data:` lines joined by newlines, comments (heartbeats) and frames without data skipped.
 */
export async function* sseFrames(lines: AsyncIterable<string>): AsyncGenerator<SseFrame> {
  let event: string | null = null;
  let data: string[] = [];
  for await (const line of lines) {
    if (line === "") {
      if (data.length > 0) yield { event, data: data.join("\n") };
      event = null;
      data = [];
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    // One space after the colon belongs to the syntax, not the value.
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
  }
}
