import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { getMeResponseSchema } from "@/lib/api/me";
import {
  ADELE,
  ALEX,
  apiRequest,
  ISAIAH,
  LEE,
  MEGAN,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { GET as getLicenseErrors } from "./license-errors/route";
import { GET as getMe } from "./me/route";
import { GET as getSeats } from "./seats/route";
import { POST as reprocess } from "./users/[id]/reprocess/route";

const OTHER_TENANT = "11111111-2222-4333-8444-555555555555";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

async function errorOf(res: Response) {
  return apiErrorBodySchema.parse(await res.json()).error;
}

describe("the bearer token on every /api route", () => {
  const cases: [string, () => Promise<Record<string, unknown>>, 401 | 403][] = [
    ["an expired token", async () => ({ expiresInSeconds: -600 }), 401],
    ["a token whose nbf is in the future", async () => ({ notBeforeInSeconds: 600 }), 401],
    ["a token for another audience", async () => ({ claims: { aud: "api://someone-else" } }), 401],
    [
      "a token from another issuer",
      async () => ({ claims: { iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` } }),
      401,
    ],
    ["a token for another tenant", async () => ({ claims: { tid: OTHER_TENANT } }), 401],
    ["a token with a bad signature", async () => ({ key: "foreign" }), 401],
    [
      "a token signed with an unknown key id",
      async () => ({ key: "foreign", kid: "not-published" }),
      401,
    ],
    ["an unsigned token (alg none)", async () => ({ alg: "none" }), 401],
    ["a Graph token", async () => ({ kind: "graph" }), 401],
    ["a v1 token", async () => ({ claims: { ver: "1.0" } }), 401],
    ["a token without the access_as_user scope", async () => ({ removeClaims: ["scp"] }), 403],
  ];

  it.each(cases)("refuses %s", async (_, mintRequest, status) => {
    const token = await t.mint(await mintRequest());
    for (const res of [
      await getMe(apiRequest("/api/me", token)),
      await getLicenseErrors(apiRequest("/api/license-errors", token)),
    ]) {
      expect(res.status).toBe(status);
      const error = await errorOf(res);
      expect(error.code).toBe(status === 401 ? "unauthorized" : "forbidden");
      if (status === 401) expect(res.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("refuses a request without a token", async () => {
    const res = await getSeats(apiRequest("/api/seats", undefined));
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toBe("The request carries no bearer token.");
  });
});

describe("roles", () => {
  it("tells each caller on /api/me what they may do and which Graph mode runs", async () => {
    const me = async (user: string) =>
      getMeResponseSchema.parse(
        await (await getMe(apiRequest("/api/me", await t.mint({ user })))).json(),
      );
    expect(await me(ADELE)).toMatchObject({
      canRead: true,
      canReprocess: true,
      graphMode: "delegated",
    });
    expect(await me(LEE)).toMatchObject({ canRead: true, canReprocess: true });
    // On behalf of Megan, Graph checks her own directory role, which she lacks.
    expect(await me(MEGAN)).toMatchObject({ canRead: true, canReprocess: false });
    expect(await me(ISAIAH)).toMatchObject({ canRead: true, canReprocess: false });
    expect(await me(ALEX)).toMatchObject({
      canRead: false,
      canReprocess: false,
      directoryRoles: [],
    });
  });

  it("answers 403 to an account with no admin or Licensedesk role on every other route", async () => {
    const token = await t.mint({ user: ALEX });
    const seq = await t.lastSeq();
    const responses = [
      await getLicenseErrors(apiRequest("/api/license-errors", token)),
      await getSeats(apiRequest("/api/seats", token)),
      await reprocess(
        apiRequest(`/api/users/${ADELE}/reprocess`, token, { method: "POST" }),
        segments({ id: ADELE }),
      ),
    ];
    for (const res of responses) {
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: "forbidden" });
    }
    expect(await t.graphCallsSince(seq)).toEqual([]);
  });

  it("lets a reader look but not reprocess", async () => {
    const token = await t.mint({ user: ISAIAH });
    expect((await getSeats(apiRequest("/api/seats", token))).status).toBe(200);
    const seq = await t.lastSeq();
    const res = await reprocess(
      apiRequest(`/api/users/${ADELE}/reprocess`, token, { method: "POST" }),
      segments({ id: ADELE }),
    );
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toContain("look but not change");
    expect(await t.graphCallsSince(seq)).toEqual([]);
  });
});
