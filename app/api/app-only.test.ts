import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMeResponseSchema } from "@/lib/api/me";
import { reprocessResultSchema } from "@/lib/api/reprocess";
import {
  ADELE,
  apiRequest,
  MEGAN,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { GET as getMe } from "./me/route";
import { POST as reprocess } from "./users/[id]/reprocess/route";

let t: TestEmulator;
let daemonId: string;

beforeAll(async () => {
  t = await startTestEmulator({ GRAPH_MODE: "app-only", REPROCESS_TIMEOUT_SECONDS: "2" });
  daemonId = (
    await t.control<{ apps: { daemon: { clientId: string } } }>("GET", "/_emulator/tenant")
  ).apps.daemon.clientId;
});
afterAll(() => t.close());

describe("GRAPH_MODE=app-only", () => {
  it("tells the UI which mode is active", async () => {
    const res = await getMe(apiRequest("/api/me", await t.mint()));
    expect(getMeResponseSchema.parse(await res.json()).graphMode).toBe("app-only");
  });

  it("calls Graph with the app's own token, so an operator app role suffices to reprocess", async () => {
    const token = await t.mint({ user: MEGAN });
    const seq = await t.lastSeq();
    const res = await reprocess(
      apiRequest(`/api/users/${ADELE}/reprocess`, token, { method: "POST" }),
      segments({ id: ADELE }),
    );
    const body: unknown = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(reprocessResultSchema.parse(body).outcome.kind).toBe("unchanged");
    const { requests } = await t.control<{
      requests: { path: string; appId?: string; userId?: string }[];
    }>("GET", `/_emulator/requests?since=${seq}`);
    const graphCalls = requests.filter((r) => r.path.startsWith("/v1.0/"));
    expect(graphCalls.some((r) => r.path.endsWith("/reprocessLicenseAssignment"))).toBe(true);
    expect(new Set(graphCalls.map((r) => r.appId))).toEqual(new Set([daemonId]));
    expect(graphCalls.every((r) => r.userId === undefined)).toBe(true);
  });
});
