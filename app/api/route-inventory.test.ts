import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/api/error-codes";
import { apiErrorBodySchema } from "@/lib/api/errors";
import { getMeResponseSchema } from "@/lib/api/me";
import {
  type ApiEndpoint,
  callEndpoint,
  discoverApiRoutes,
  type RouteFixture,
  unknownInputs,
} from "@/lib/server/auth/testing/api-routes";
import {
  ADELE,
  ALEX,
  ISAIAH,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";

// Found on disk, so a new route.ts is covered (or fails here) without anyone listing it.
const routeFiles = await discoverApiRoutes();
const endpoints = routeFiles.flatMap((file) => file.endpoints);
const byName = new Map(endpoints.map((endpoint) => [endpoint.name, endpoint]));
const names = (filter: (endpoint: ApiEndpoint) => boolean = () => true) =>
  endpoints.filter(filter).map((endpoint) => endpoint.name);

/** Endpoints every signed-in person may call: they describe the caller and read nothing else. */
const OPEN_TO_EVERY_SIGNED_IN_PERSON = new Set(["GET /api/me"]);

let t: TestEmulator;
let fixture: RouteFixture;

beforeAll(async () => {
  t = await startTestEmulator();
  const { accounts } = await t.client.tenant();
  const adele = accounts.find((account) => account.userPrincipalName === ADELE)!;
  const { skus } = await t.client.state();
  fixture = { jobId: randomUUID(), userId: adele.id, skuId: skus[0]!.skuId };
});
afterAll(() => t.close());

/** Calls the endpoint and checks it answers `status` in the one error shape, with no Graph call. */
async function expectRefusal(
  name: string,
  token: string | undefined,
  status: number,
  code: ErrorCode,
): Promise<string> {
  const seq = await t.lastSeq();
  const res = await callEndpoint(byName.get(name)!, token, fixture);
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(Object.keys(body as object)).toEqual(["error"]);
  const { error } = apiErrorBodySchema.parse(body);
  expect(error.code).toBe(code);
  expect(res.headers.get("cache-control")).toBe("no-store");
  if (status === 401) expect(res.headers.get("www-authenticate")).toBe("Bearer");
  expect(await t.graphCallsSince(seq)).toEqual([]);
  return error.message;
}

describe("the route inventory", () => {
  it("offers no way to change or delete the history: its routes only read", () => {
    const history = endpoints.filter((endpoint) => endpoint.route.startsWith("/api/history"));
    expect(history.map((endpoint) => endpoint.name).sort()).toEqual([
      "GET /api/history",
      "GET /api/history/export.csv",
      "GET /api/history/export.jsonl",
      "GET /api/history/records/[seq]",
    ]);
  });

  it("finds every route.ts under app/api, each exporting only methods it knows how to call", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(12);
    for (const file of routeFiles) {
      expect(file.unknownExports, `${file.route}/route.ts exports`).toEqual([]);
      expect(file.endpoints, `${file.route}/route.ts handlers`).not.toEqual([]);
    }
    for (const endpoint of endpoints) expect(unknownInputs(endpoint), endpoint.name).toBeNull();
    for (const name of OPEN_TO_EVERY_SIGNED_IN_PERSON) expect(names()).toContain(name);
  });

  it.each(names())("%s answers 401 without a bearer token", async (name) => {
    const message = await expectRefusal(name, undefined, 401, "unauthorized");
    expect(message).toBe("The request carries no bearer token.");
  });

  it.each(names((e) => !OPEN_TO_EVERY_SIGNED_IN_PERSON.has(e.name)))(
    "%s answers 403 to a signed-in person with no Licensedesk or administrator role",
    async (name) => {
      await expectRefusal(name, await t.mint({ user: ALEX }), 403, "forbidden");
    },
  );

  it.each(names((e) => e.changesState))(
    "%s answers 403 to a reader, who may look but not change",
    async (name) => {
      const message = await expectRefusal(name, await t.mint({ user: ISAIAH }), 403, "forbidden");
      expect(message).toContain("look but not change");
    },
  );

  it.each([...OPEN_TO_EVERY_SIGNED_IN_PERSON])(
    "%s describes anyone signed in, and tells a person with no role they may do nothing",
    async (name) => {
      const res = await callEndpoint(byName.get(name)!, await t.mint({ user: ALEX }), fixture);
      expect(res.status).toBe(200);
      expect(getMeResponseSchema.parse(await res.json())).toMatchObject({
        canRead: false,
        canReprocess: false,
      });
    },
  );
});
