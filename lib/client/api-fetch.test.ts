import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { IPublicClientApplication } from "@azure/msal-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClientError, type ApiFetchContext, apiEventStream, apiStream } from "./api-fetch";

/** Answers each path with NDJSON bytes cut at awkward places, the way a network delivers them. */
const ROUTES: Record<string, { status: number; chunks: (string | Buffer)[] }> = {
  "/split": {
    status: 200,
    chunks: ['{"n":1,"te', 'xt":"a"}\n{"n":2,', '"text":"b"}\n\n', '{"n":3,"text":"c"}'],
  },
  // "é" is two bytes in UTF-8; the cut falls between them.
  "/utf8": {
    status: 200,
    chunks: [
      Buffer.from('{"n":1,"text":"caf'),
      Buffer.from([0xc3]),
      Buffer.from([0xa9, 0x22, 0x7d, 0x0a]),
    ],
  },
  "/bad-line": { status: 200, chunks: ['{"n":1,"text":"a"}\n', "not json\n"] },
  // Server-sent events: a comment, a retry field, a named event whose data has no type, CRLF line ends.
  "/events": {
    status: 200,
    chunks: [
      ": hello\n\nretry: 2000\n\n",
      'event: step\ndata: {"type":"step","n":1,',
      '"text":"a"}\n\ndata: {"type":"step",\r\ndata: "n":2,"text":"b"}\r\n\r\n',
      'event: step\ndata: {"n":3,"text":"c"}\n\n',
    ],
  },
  "/events-bad": { status: 200, chunks: ['data: {"type":"step","n":\n\n'] },
  "/throttled": {
    status: 429,
    chunks: [
      JSON.stringify({ error: { code: "throttled", message: "Slow down.", retryAfterSeconds: 7 } }),
    ],
  },
};

let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const route = ROUTES[req.url ?? ""];
    if (!route || req.headers.authorization !== "Bearer t0ken") {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(route.status, { "content-type": "application/x-ndjson" });
    for (const chunk of route.chunks) {
      res.write(chunk);
      await new Promise((done) => setTimeout(done, 5));
    }
    res.end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

const context: ApiFetchContext = {
  scopes: ["api://x/access_as_user"],
  msal: {
    getActiveAccount: () => ({ homeAccountId: "a" }),
    acquireTokenSilent: async () => ({ accessToken: "t0ken" }),
  } as unknown as IPublicClientApplication,
};

async function collect(path: string) {
  const events = [];
  for await (const event of apiStream(context, `${base}${path}`)) events.push(event);
  return events;
}

describe("apiStream", () => {
  it("yields each line once it is whole, across chunk boundaries and blank lines", async () => {
    expect(await collect("/split")).toEqual([
      { n: 1, text: "a" },
      { n: 2, text: "b" },
      { n: 3, text: "c" },
    ]);
  });

  it("decodes a character whose bytes arrive in different chunks", async () => {
    expect(await collect("/utf8")).toEqual([{ n: 1, text: "café" }]);
  });

  it("refuses a line that is not JSON", async () => {
    await expect(collect("/bad-line")).rejects.toMatchObject({ code: "internal_error" });
  });

  it("throws the API's error with its code and how long to wait", async () => {
    const error = await collect("/throttled").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code: "throttled", status: 429, retryAfterSeconds: 7 });
  });
});

async function collectEvents(path: string) {
  const events = [];
  for await (const event of apiEventStream(context, `${base}${path}`)) {
    events.push(event);
  }
  return events;
}

describe("apiEventStream", () => {
  it("yields each event's data once the blank line ends it, skipping comments and retry fields", async () => {
    expect(await collectEvents("/events")).toEqual([
      { type: "step", n: 1, text: "a" },
      { type: "step", n: 2, text: "b" },
      { type: "step", n: 3, text: "c" },
    ]);
  });

  it("refuses an event whose data is not JSON", async () => {
    await expect(collectEvents("/events-bad")).rejects.toMatchObject({ code: "internal_error" });
  });

  it("throws the API's error before the stream starts", async () => {
    await expect(collectEvents("/throttled")).rejects.toMatchObject({
      code: "throttled",
      status: 429,
    });
  });
});
