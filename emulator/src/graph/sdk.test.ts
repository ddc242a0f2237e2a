import {
  BatchRequestContent,
  BatchResponseContent,
  GraphError,
  PageIterator,
  type PageCollection,
} from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { apiTokenFor, demoTenantPerFile } from "../testing/flows";
import { confidentialClient } from "../testing/msal";
import { emulatorPerFile } from "../testing/emulator";
import { emulatorGraphClient } from "../testing/graph-client";

const emu = emulatorPerFile();
const tenant = demoTenantPerFile(emu);
const GRAPH_DEFAULT = ["https://graph.microsoft.com/.default"];
const ADELE = "adele.vance@contoso.onmicrosoft.com";
const MEGAN = "megan.bowen@contoso.onmicrosoft.com";

/** The daemon's app-only token, through real msal-node client credentials. */
async function daemonClient() {
  const msal = await confidentialClient(emu, tenant.tenantId, tenant.daemonId, tenant.daemonSecret);
  return emulatorGraphClient(emu.url, async () => {
    const result = await msal.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    return result!.accessToken;
  });
}

/** The BFF's delegated token for a signed-in user, through real msal-node on-behalf-of. */
async function onBehalfOfClient(username: string) {
  const { access_token: assertion } = await apiTokenFor(emu, tenant, username);
  const msal = await confidentialClient(emu, tenant.tenantId, tenant.apiId, tenant.apiSecret);
  return emulatorGraphClient(emu.url, async () => {
    const result = await msal.acquireTokenOnBehalfOf({
      oboAssertion: assertion,
      scopes: GRAPH_DEFAULT,
    });
    return result!.accessToken;
  });
}

describe("the real Graph JS client against the emulator", () => {
  it("pages through every user with PageIterator", async () => {
    const graph = await daemonClient();
    const first = (await graph
      .api("/users")
      .select("id,displayName")
      .top(100)
      .get()) as PageCollection;
    const ids: string[] = [];
    await new PageIterator(graph, first, (user: { id: string }) => {
      ids.push(user.id);
      return true;
    }).iterate();
    const total = emu.state.tenant.users.length;
    expect(total).toBeGreaterThan(200);
    expect(new Set(ids).size).toBe(total);
  });

  it("runs a $batch built with BatchRequestContent and reads it with BatchResponseContent", async () => {
    const base = `${emu.url}/v1.0`;
    const content = new BatchRequestContent([
      {
        id: "1",
        request: new Request(`${base}/users/${ADELE}?$select=id,licenseAssignmentStates`),
      },
      {
        id: "2",
        request: new Request(`${base}/users/${ADELE}/reprocessLicenseAssignment`, {
          method: "POST",
          body: "{}",
          headers: { "content-type": "application/json" },
        }),
        dependsOn: ["1"],
      },
      {
        id: "3",
        request: new Request(`${base}/users/nobody@contoso.onmicrosoft.com`),
        dependsOn: ["1"],
      },
    ]);
    const raw = await (await daemonClient()).api("/$batch").post(await content.getContent());
    const responses = new BatchResponseContent(raw);
    const user = responses.getResponseById("1");
    expect(user.status).toBe(200);
    expect((await user.json()).licenseAssignmentStates).toEqual(expect.any(Array));
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
    const graph = await daemonClient();
    const since = emu.state.log.lastSeq;
    const started = performance.now();
    const skus = await graph.api("/subscribedSkus").get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(skus.value.length).toBe(emu.state.tenant.skus.length);
    const graphCalls = emu.state.log.list({ since, pathContains: "/v1.0/" });
    expect(graphCalls.map((e) => e.status)).toEqual([429, 200]);
  });

  it("lets a License Administrator reprocess on-behalf-of and refuses a user without an admin role", async () => {
    const adele = await onBehalfOfClient(ADELE);
    const reprocessed = await adele.api(`/users/${MEGAN}/reprocessLicenseAssignment`).post({});
    expect(reprocessed.userPrincipalName).toBe(MEGAN);
    const megan = await onBehalfOfClient(MEGAN);
    const refused = await megan
      .api(`/users/${ADELE}/reprocessLicenseAssignment`)
      .post({})
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GraphError);
    expect(refused).toMatchObject({ statusCode: 403, code: "Authorization_RequestDenied" });
  });
});
