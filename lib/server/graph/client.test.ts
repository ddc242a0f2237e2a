import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestDatabase } from "../db/testing/test-database";
import { ApiError } from "../http/api-error";
import { startTestEmulator, type TestEmulator } from "../testing/emulator";
import { GraphClient, type GraphClientOptions } from "./client";
import { databasePacer, unpaced } from "./pacing/pacer";
import { graphRequests } from "./requests";

// Pacing has its own tests below; the others look at one request's handling.
const client = (options: Omit<GraphClientOptions, "pacer" | "priority">) =>
  new GraphClient({ pacer: unpaced, priority: "interactive", ...options });

let t: TestEmulator;
let graph: GraphClient;
const idOnly = z.object({ id: z.string() });

beforeAll(async () => {
  t = await startTestEmulator();
  const token = await t.mint({ kind: "graph-app" });
  graph = client({ baseUrl: `${t.url}/v1.0`, getToken: async () => token });
});
afterAll(() => t.close());

describe("GraphClient", () => {
  it("follows @odata.nextLink exactly as given until the last page", async () => {
    const seq = await t.lastSeq();
    const users = await graph.listAll({ method: "GET", path: "/users?$select=id&$top=7" }, idOnly);
    const state = await t.control<{ counts: { users: number } }>("GET", "/_emulator/state");
    expect(users).toHaveLength(state.counts.users);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    const calls = await t.graphCallsSince(seq);
    expect(calls).toHaveLength(Math.ceil(state.counts.users / 7));
  });

  it("sends 20 requests per $batch and answers each one, in order, failures included", async () => {
    const { usersInError } = await t.control<{ usersInError: { id: string }[] }>(
      "GET",
      "/_emulator/state",
    );
    const ids = [
      ...usersInError.map((u) => u.id).slice(0, 24),
      "0b0b0b0b-1111-4222-8333-444444444444",
    ];
    const seq = await t.lastSeq();
    const results = await graph.batch(ids.map((id) => graphRequests.userForScan(id)));
    expect(results).toHaveLength(25);
    results
      .slice(0, 24)
      .forEach((r, i) => expect(r.ok && (r.body as { id: string }).id).toBe(ids[i]));
    const missing = results[24];
    expect(missing?.ok === false && missing.error.code).toBe("not_found");
    const outer = (await t.graphCallsSince(seq)).filter((c) => c.path === "/v1.0/$batch");
    expect(outer).toHaveLength(2);
  });

  it("refuses to send the token to a nextLink on another host", async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          value: [{ id: "1" }],
          "@odata.nextLink": "http://elsewhere.invalid/v1.0/users?$skiptoken=x",
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const foreign = client({
      baseUrl: `http://127.0.0.1:${port}/v1.0`,
      getToken: async () => "token",
    });
    const error = await foreign
      .listAll({ method: "GET", path: "/users" }, idOnly)
      .catch((e: unknown) => e);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "upstream_error" });
  });

  it("asks for the next page as soon as a page's first bytes name it, before the page has arrived", async () => {
    const events: string[] = [];
    const server: Server = createServer((req, res) => {
      const second = req.url?.includes("skiptoken") ?? false;
      events.push(second ? "page 2 asked" : "page 1 asked");
      res.writeHead(200, { "content-type": "application/json" });
      if (second) {
        res.end(JSON.stringify({ value: [{ id: "2" }] }));
        return;
      }
      const link = `http://127.0.0.1:${port}/v1.0/users?$skiptoken=two`;
      res.write(`{"@odata.context":"x","@odata.nextLink":${JSON.stringify(link)},"value":[`);
      setTimeout(() => {
        events.push("page 1 ends");
        res.end('{"id":"1"}]}');
      }, 300);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const ahead = client({ baseUrl: `http://127.0.0.1:${port}/v1.0`, getToken: async () => "t" });
    const users = await ahead.listAll({ method: "GET", path: "/users" }, idOnly);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(users.map((u) => u.id)).toEqual(["1", "2"]);
    expect(events).toEqual(["page 1 asked", "page 2 asked", "page 1 ends"]);
  });

  it("answers a request that gets no answer at all as a time-out", async () => {
    await t.control("POST", "/_emulator/faults", {
      path: "/subscribedSkus",
      latencyMs: 2_000,
      times: 2,
    });
    const impatient = client({
      baseUrl: `${t.url}/v1.0`,
      getToken: async () => t.mint({ kind: "graph-app" }),
      timeoutMs: 200,
      retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 1_000 },
    });
    const error = await impatient
      .send(graphRequests.subscribedSkus(), z.unknown())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "timeout", status: 504 });
    await t.control("DELETE", "/_emulator/faults");
  });

  it("keeps a throttled $batch item's Retry-After to the millisecond, and which limit it hit", async () => {
    const { usersInError } = await t.control<{ usersInError: { id: string }[] }>(
      "GET",
      "/_emulator/state",
    );
    // The fault answers before the throttle, so the three writes after it take the bucket's three.
    const ids = usersInError.map((u) => u.id).slice(0, 5);
    await t.control("PUT", "/_emulator/limits", { appTenantWrites: { limit: 3 } });
    await t.control("POST", "/_emulator/faults", {
      path: "/users/*/reprocessLicenseAssignment",
      status: 429,
      retryAfter: 0.25,
      times: 1,
    });
    const once = client({
      baseUrl: `${t.url}/v1.0`,
      getToken: async () => t.mint({ kind: "graph-app" }),
      retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    });
    try {
      const results = await once.batch(
        ids.map((id) => graphRequests.reprocessLicenseAssignment(id)),
      );
      const [faulted, , , , overLimit] = results;
      expect(faulted?.ok === false && faulted.error.throttle.retryAfterMs).toBe(250);
      expect(results.slice(1, 4).every((r) => r.ok)).toBe(true);
      expect(overLimit?.ok === false && overLimit.error.throttle.information).toBe(
        "WriteLimitExceeded",
      );
    } finally {
      await t.control("PUT", "/_emulator/limits", { appTenantWrites: { limit: 3000 } });
      await t.control("DELETE", "/_emulator/faults");
    }
  });
});

describe("GraphClient pacing", () => {
  const testDb = useTestDatabase("sqlite");
  const write = { resourceUnits: 0, writes: 1 };

  async function pacedClient(writes: number) {
    const pacer = databasePacer(testDb().database, {
      appId: "pacing-test",
      tenantId: t.tenantId,
      writes: { capacity: writes, windowMs: 150_000 },
      resourceUnits: { capacity: 3500, windowMs: 10_000 },
    });
    const token = await t.mint({ kind: "graph-app" });
    const paced = new GraphClient({
      baseUrl: `${t.url}/v1.0`,
      getToken: async () => token,
      retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
      pacer,
      priority: "interactive",
    });
    return { pacer, paced };
  }

  const usersInError = async () =>
    (await t.control<{ usersInError: { id: string }[] }>("GET", "/_emulator/state")).usersInError;

  it("lowers the shared write budget to what Graph's x-ms-throttle-limit-percentage says is left", async () => {
    const users = await usersInError();
    await t.control("PUT", "/_emulator/limits", { appTenantWrites: { limit: 10 } });
    try {
      // Another tool on the same registration spends 6 of Graph's 10 writes; our bucket cannot know.
      await graph.batch(
        users.slice(0, 6).map((u) => graphRequests.reprocessLicenseAssignment(u.id)),
      );
      const { pacer, paced } = await pacedClient(10);
      // Graph sends the header only above 80% used: after the 3rd of our writes.
      const results = await paced.batch(
        users.slice(6, 9).map((u) => graphRequests.reprocessLicenseAssignment(u.id)),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await pacer.tryTake({ ...write, writes: 2 }, "interactive")).toBeGreaterThan(0);
      expect(await pacer.tryTake(write, "interactive")).toBe(0);
    } finally {
      await t.control("PUT", "/_emulator/limits", { appTenantWrites: { limit: 3000 } });
    }
  });

  it("holds every caller of the shared budget until a 429's Retry-After", async () => {
    const [user] = await usersInError();
    await t.control("POST", "/_emulator/faults", {
      path: "/users/*/reprocessLicenseAssignment",
      status: 429,
      retryAfter: 5,
      times: 1,
    });
    try {
      const { pacer, paced } = await pacedClient(3000);
      const error = await paced
        .sendWithoutResult(graphRequests.reprocessLicenseAssignment(user!.id))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "throttled" });
      const waitMs = await pacer.tryTake(write, "interactive");
      expect(waitMs).toBeGreaterThan(4_000);
      expect(waitMs).toBeLessThanOrEqual(5_000);
    } finally {
      await t.control("DELETE", "/_emulator/faults");
    }
  });

  it("answers an interactive call throttled, sending nothing, when the budget is held longer than a person waits", async () => {
    const [user] = await usersInError();
    const { pacer, paced } = await pacedClient(3000);
    await pacer.throttled("writes", 30_000);
    const seq = await t.lastSeq();
    const error = await paced
      .sendWithoutResult(graphRequests.reprocessLicenseAssignment(user!.id))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "throttled", details: { retryAfterSeconds: 30 } });
    expect(await t.graphCallsSince(seq)).toEqual([]);
  });
});
