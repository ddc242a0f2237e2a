import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { apiRequest, startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { mapWithConcurrency } from "@/lib/server/async/pool";
import { getGraphSettings } from "@/lib/server/graph/settings";
import { acquireGraphToken, keptGraphTokenCount } from "@/lib/server/graph/token";
import { GET as getSeats } from "./seats/route";

let t: TestEmulator;
let apiClientId: string;

beforeAll(async () => {
  t = await startTestEmulator();
  apiClientId = (
    await t.control<{ apps: { api: { clientId: string } } }>("GET", "/_emulator/tenant")
  ).apps.api.clientId;
});
afterAll(() => t.close());
beforeEach(() => t.control("DELETE", "/_emulator/identity/faults"));

async function seatsWithFreshToken() {
  // A fresh assertion each time, so MSAL cannot answer from its cache.
  const token = await t.mint({ claims: { uti: crypto.randomUUID() } });
  const res = await getSeats(apiRequest("/api/seats", token));
  return { res, error: res.ok ? undefined : apiErrorBodySchema.parse(await res.json()).error };
}

describe("Graph tokens on behalf of the caller", () => {
  it("exchanges the caller's token once and reuses the Graph token for the same assertion", async () => {
    const token = await t.mint({ claims: { uti: crypto.randomUUID() } });
    const seq = await t.lastSeq();
    expect((await getSeats(apiRequest("/api/seats", token))).status).toBe(200);
    expect((await getSeats(apiRequest("/api/seats", token))).status).toBe(200);
    const { requests } = await t.control<{
      requests: { path: string; appId?: string; userId?: string }[];
    }>("GET", `/_emulator/requests?since=${seq}`);
    expect(requests.filter((r) => r.path.endsWith("/oauth2/v2.0/token"))).toHaveLength(1);
    const graphCalls = requests.filter((r) => r.path.startsWith("/v1.0/"));
    expect(graphCalls.length).toBeGreaterThan(0);
    // Delegated: Graph sees the API app acting for the signed-in user.
    expect(new Set(graphCalls.map((r) => r.appId))).toEqual(new Set([apiClientId]));
    expect(graphCalls.every((r) => r.userId !== undefined)).toBe(true);
  });

  it("answers consent_required (403) when the tenant has not consented to the Graph permissions", async () => {
    await t.control("POST", "/_emulator/identity/faults", {
      onBehalfOf: { error: "consent_required" },
    });
    const { res, error } = await seatsWithFreshToken();
    expect(res.status).toBe(403);
    expect(error?.code).toBe("consent_required");
    expect(error?.message).toContain("an administrator must grant consent");
  });

  it("answers interaction_required (401) with the claims challenge for the browser to sign in again", async () => {
    await t.control("POST", "/_emulator/identity/faults", {
      onBehalfOf: { error: "interaction_required" },
    });
    const { res, error } = await seatsWithFreshToken();
    expect(res.status).toBe(401);
    expect(error).toMatchObject({
      code: "interaction_required",
      claims: expect.stringContaining("capolids"),
    });
  });

  it("answers interaction_required (401) when Entra refuses the assertion, so the browser signs in again, and 502 when it fails", async () => {
    await t.control("POST", "/_emulator/identity/faults", {
      onBehalfOf: { error: "invalid_grant" },
    });
    const refused = await seatsWithFreshToken();
    expect(refused.res.status).toBe(401);
    expect(refused.error?.code).toBe("interaction_required");
    await t.control("POST", "/_emulator/identity/faults", {
      onBehalfOf: { error: "server_error", times: 5 },
    });
    const failed = await seatsWithFreshToken();
    expect(failed.res.status).toBe(502);
    expect(failed.error?.code).toBe("upstream_error");
  });
});

describe("the Graph token cache", () => {
  it("keeps tokens for at most 500 callers: the oldest caller's token is requested again after 500 others", async () => {
    const settings = await getGraphSettings();
    const mintMany = (n: number) =>
      mapWithConcurrency(Array.from({ length: n }), 16, () =>
        t.mint({ claims: { uti: crypto.randomUUID() } }),
      );
    const [first] = await mintMany(1);
    const others = await mintMany(500);
    await acquireGraphToken(settings, first!);
    const seq = await t.lastSeq();
    await mapWithConcurrency(others, 16, (token) => acquireGraphToken(settings, token));
    expect(keptGraphTokenCount()).toBe(500);
    await acquireGraphToken(settings, first!);
    const { requests } = await t.control<{ requests: { path: string }[] }>(
      "GET",
      `/_emulator/requests?since=${seq}`,
    );
    expect(requests.filter((r) => r.path.endsWith("/oauth2/v2.0/token"))).toHaveLength(501);
  });
});
