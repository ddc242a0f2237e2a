import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { IPublicClientApplication } from "@azure/msal-browser";
import { QueryClient } from "@tanstack/react-query";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { JobEvent, JobItemView, JobView } from "@/lib/api/jobs";
import type { ApiFetchContext } from "../api-fetch";
import { liveJobQueryOptions } from "./jobs";

const JOB_ID = "5a5a5a5a-0000-4000-8000-000000000001";

const job = (status: JobView["status"], final: number): JobView => ({
  id: JOB_ID,
  status,
  pauseReason: null,
  createdBy: { oid: "a", name: "Adele Vance" },
  createdAt: "2026-11-30T10:00:00.000Z",
  startedAt: "2026-11-30T10:00:01.000Z",
  finishedAt: status === "completed" ? "2026-11-30T10:01:00.000Z" : null,
  description: "1 selected user",
  progress: {
    total: 1,
    states: { pending: 1 - final, in_flight: 0, written: 0, final },
    outcomes: {
      resolved: final,
      still_in_error: 0,
      unchanged: 0,
      timed_out: 0,
      failed: 0,
      cancelled: 0,
    },
    perMinute: null,
    etaSeconds: null,
  },
});

const resolved: JobItemView = {
  id: 1,
  userId: "u1",
  userPrincipalName: "u1@contoso.onmicrosoft.com",
  displayName: "U One",
  state: "final",
  outcome: "resolved",
  message: "Resolved.",
  diffSummary: null,
  graphError: null,
  attempts: 1,
  finishedAt: "2026-11-30T10:01:00.000Z",
};

const frame = (event: JobEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

// The token MSAL hands out; the server renews it when it ends a stream, as Entra would at expiry.
let currentToken = "token-1";
const streamsOpenedWith: string[] = [];
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const path = new URL(req.url ?? "", "http://x").pathname;
    if (path === `/api/jobs/${JOB_ID}`) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ job: job("running", 0) }));
    } else if (path === `/api/jobs/${JOB_ID}/items`) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ items: [], nextCursor: null }));
    } else if (path === `/api/jobs/${JOB_ID}/events`) {
      streamsOpenedWith.push(token);
      res.writeHead(200, { "content-type": "text/event-stream" });
      if (token === "token-1") {
        currentToken = "token-2";
        const reason = "Your access token has expired; open the stream again with a fresh one.";
        res.end(
          frame({ type: "progress", job: job("running", 0) }) +
            frame({ type: "reconnect", reason }),
        );
      } else {
        res.end(
          frame({ type: "items", items: [resolved] }) +
            frame({ type: "end", job: job("completed", 1) }),
        );
      }
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The browser resolves the API's relative paths against the page; Node needs the base said.
  const nodeFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (input: string, init?: RequestInit) =>
    nodeFetch(new URL(input, base), init),
  );
});

afterAll(() => {
  vi.unstubAllGlobals();
  server.close();
});

const api: ApiFetchContext = {
  scopes: ["api://x/access_as_user"],
  msal: {
    getActiveAccount: () => ({ homeAccountId: "a" }),
    acquireTokenSilent: async () => ({ accessToken: currentToken }),
  } as unknown as IPublicClientApplication,
};

describe("following a job live", () => {
  it("opens the event stream again with a fresh token when the server says the old one expired, and follows the job to its end", async () => {
    const queryClient = new QueryClient();
    const data = await queryClient.fetchQuery(liveJobQueryOptions(api, "a", JOB_ID));
    expect(streamsOpenedWith).toEqual(["token-1", "token-2"]);
    expect(data.via).toBe("events");
    expect(data.job?.status).toBe("completed");
    expect(data.items.get("u1")?.outcome).toBe("resolved");
  });
});
