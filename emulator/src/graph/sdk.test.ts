import {
  BatchRequestContent,
  BatchResponseContent,
  PageIterator,
  type PageCollection,
} from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../server";
import { emulatorGraphClient } from "./testing/graph-client";
import { graphTestTenant } from "./testing/tenant";
import { graphToken } from "./testing/tokens";

let emu: RunningEmulator;
const USER_4 = "00000001-0000-4000-8000-000000000004";

beforeAll(async () => {
  emu = await startEmulator({ port: 0, tenant: graphTestTenant(120) });
});
afterAll(() => emu.close());

const client = () => emulatorGraphClient(emu.url, () => graphToken(emu.state));

describe("the real Graph JS client against the emulator", () => {
  it("pages through every user with PageIterator", async () => {
    const graph = client();
    const first = (await graph
      .api("/users")
      .select("id,displayName")
      .top(50)
      .get()) as PageCollection;
    const ids: string[] = [];
    const iterator = new PageIterator(graph, first, (user: { id: string }) => {
      ids.push(user.id);
      return true;
    });
    await iterator.iterate();
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    const pages = emu.state.log
      .list({ pathContains: "/v1.0/users" })
      .filter((e) => e.query.includes("skiptoken"));
    expect(pages).toHaveLength(2);
  });

  it("runs a $batch built with BatchRequestContent and reads it with BatchResponseContent", async () => {
    const base = `${emu.url}/v1.0`;
    const content = new BatchRequestContent([
      {
        id: "1",
        request: new Request(`${base}/users/${USER_4}?$select=id,licenseAssignmentStates`),
      },
      {
        id: "2",
        request: new Request(`${base}/users/${USER_4}/reprocessLicenseAssignment`, {
          method: "POST",
          body: "{}",
          headers: { "content-type": "application/json" },
        }),
        dependsOn: ["1"],
      },
      { id: "3", request: new Request(`${base}/users/nobody@fabrikam.test`), dependsOn: ["1"] },
    ]);
    const raw = await client()
      .api("/$batch")
      .post(await content.getContent());
    const responses = new BatchResponseContent(raw);
    const user = responses.getResponseById("1");
    expect(user.status).toBe(200);
    expect((await user.json()).licenseAssignmentStates[0].error).toBe("CountViolation");
    expect(responses.getResponseById("2").status).toBe(200);
    expect(responses.getResponseById("3").status).toBe(404);
  });

  it("retries an injected 429 after its fractional Retry-After and succeeds", async () => {
    emu.state.traffic.faults.add({
      path: "/subscribedSkus",
      status: 429,
      times: 1,
      retryAfter: 0.2,
    });
    const since = emu.state.log.lastSeq;
    const started = performance.now();
    const skus = await client().api("/subscribedSkus").get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(skus.value).toHaveLength(2);
    expect(emu.state.log.list({ since }).map((e) => e.status)).toEqual([429, 200]);
  });
});
