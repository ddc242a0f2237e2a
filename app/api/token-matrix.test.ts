import { sql } from "kysely";
import {
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ErrorCode } from "@/lib/api/error-codes";
import { apiErrorBodySchema } from "@/lib/api/errors";
import {
  type ApiEndpoint,
  callEndpoint,
  discoverApiRoutes,
  type RouteFixture,
} from "@/lib/server/auth/testing/api-routes";
import type { Database } from "@/lib/server/db/database";
import { jobOf, type JobRouteTest, startJobRouteTest } from "@/lib/server/jobs/testing/route-test";
import { ADELE, apiRequest } from "@/lib/server/testing/emulator";
import { loggedLines } from "@/lib/testing/console-capture";
import type { EmulatorTenant } from "@/lib/testing/emulator-control";
import { GET as getMe } from "./me/route";
import { POST as createJob } from "./jobs/route";

// Every route, found on disk as the route inventory finds them; the state-changing ones are the point.
const endpoints = (await discoverApiRoutes()).flatMap((file) => file.endpoints);
const stateChanging = endpoints.filter((endpoint) => endpoint.changesState);

const OTHER_TENANT = "11111111-2222-4333-8444-555555555555";
/** The signing keys' cool-downs (lib/server/auth/signing-keys.ts), crossed by moving the clock. */
const UNKNOWN_KID_COOLDOWN_MS = 30_000;
const FAILURE_COOLDOWN_MS = 10_000;
const MAX_AGE_MS = 10 * 60_000;

let r: JobRouteTest;
let tenant: EmulatorTenant;
let fixture: RouteFixture;

beforeAll(async () => {
  r = await startJobRouteTest();
  tenant = await r.t.client.tenant();
  const adele = tenant.accounts.find((account) => account.userPrincipalName === ADELE)!;
  // A stored job, so that a job route that let a bad token through would have something to change.
  const res = await createJob(
    apiRequest("/api/jobs", await r.t.mint(), {
      method: "POST",
      body: JSON.stringify({ selection: { kind: "users", userIds: [adele.id] } }),
    }),
  );
  const { skus } = await r.t.client.state();
  fixture = { jobId: (await jobOf(res)).id, userId: adele.id, skuId: skus[0]!.skuId };
}, 60_000);
afterAll(() => r.close());
afterEach(async () => {
  vi.useRealTimers();
  await r.t.client.clearIdentityFaults();
});

/** Every row of every table, to prove a refused request wrote nothing. */
async function databaseContents(database: Database): Promise<Record<string, unknown[]>> {
  const tables = (await database.kysely.introspection.getTables()).map((t) => t.name).sort();
  const contents: Record<string, unknown[]> = {};
  for (const table of tables) {
    contents[table] = (await sql`select * from ${sql.table(table)}`.execute(database.kysely)).rows;
  }
  return contents;
}

/** Calls the endpoint and checks the refusal: status, the one error shape, no Graph call, no write. */
async function expectRefused(
  endpoint: ApiEndpoint,
  token: string,
  status: 401 | 403 | 503,
  message: string,
): Promise<void> {
  const before = await databaseContents(r.database);
  const seq = await r.t.lastSeq();
  const res = await callEndpoint(endpoint, token, fixture);
  const body: unknown = await res.json();
  expect(res.status, `${endpoint.name}: ${JSON.stringify(body)}`).toBe(status);
  expect(Object.keys(body as object)).toEqual(["error"]);
  const code: ErrorCode = { 401: "unauthorized", 403: "forbidden", 503: "service_unavailable" }[
    status
  ] as ErrorCode;
  expect(apiErrorBodySchema.parse(body).error, endpoint.name).toEqual({ code, message });
  expect(res.headers.get("www-authenticate")).toBe(status === 401 ? "Bearer" : null);
  expect(await r.t.graphCallsSince(seq), endpoint.name).toEqual([]);
  expect(await databaseContents(r.database), endpoint.name).toEqual(before);
}

/** A genuine token's claims, signed by the emulator with the tenant key. */
const genuineClaims = async (): Promise<JWTPayload> =>
  (await r.t.client.mint({ kind: "api", user: ADELE })).claims;

async function tenantJwk(): Promise<JWK> {
  const { keys } = (await (await fetch(tenant.endpoints.jwks)).json()) as { keys: JWK[] };
  return keys[0]!;
}

const issuerOf = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;
const BAD_ALG = "The access token's signing algorithm is not accepted.";
const BAD_ISSUER = "The access token's iss claim is not acceptable (check_failed).";
const UNKNOWN_KEY = "The access token was signed with a key the tenant does not publish.";
const issuedTo = (client: string) =>
  `The access token was issued to another application (${client}); only the Licensedesk web app may call this API.`;
const UNAVAILABLE =
  "The identity platform's signing keys are unavailable, so the access token cannot be checked. Try again shortly.";

interface TokenCase {
  name: string;
  token: () => Promise<string>;
  status: 401 | 403;
  message: string | (() => string);
}

/**
 * 401 when the token is not one the API accepts at all: forged, expired, for someone else, or
 * issued to another client. 403 only for a genuine token from our web app for our API that does
 * not let its holder act for a person: no access_as_user scope, or an app acting as itself
 * (RFC 6750's insufficient_scope; asking again for the same kind of token cannot help).
 */
const cases: TokenCase[] = [
  {
    name: "an unsigned token (alg none)",
    token: async () => new UnsecuredJWT(await genuineClaims()).encode(),
    status: 401,
    message: BAD_ALG,
  },
  {
    name: "an HS256 token whose HMAC secret is the tenant's public key",
    token: async () => {
      const jwk = await tenantJwk();
      const pem = await exportSPKI((await importJWK(jwk, "RS256", { extractable: true })) as never);
      return new SignJWT(await genuineClaims())
        .setProtectedHeader({ alg: "HS256", kid: jwk.kid })
        .sign(new TextEncoder().encode(pem));
    },
    status: 401,
    message: BAD_ALG,
  },
  {
    name: "a token signed with a key the tenant does not publish (unknown kid)",
    token: async () => {
      const { privateKey } = await generateKeyPair("RS256");
      return new SignJWT(await genuineClaims())
        .setProtectedHeader({ alg: "RS256", kid: "not-published-by-the-tenant" })
        .sign(privateKey);
    },
    status: 401,
    message: UNKNOWN_KEY,
  },
  {
    name: "a token signed with another key under the tenant key's kid",
    token: () => r.t.mint({ key: "foreign" }),
    status: 401,
    message: "The access token's signature does not verify.",
  },
  {
    name: "an expired token",
    token: () => r.t.mint({ expiresInSeconds: -600 }),
    status: 401,
    message: "The access token has expired.",
  },
  {
    name: "a token whose nbf is ahead",
    token: () => r.t.mint({ notBeforeInSeconds: 600 }),
    status: 401,
    message: "The access token's nbf claim is not acceptable (check_failed).",
  },
  {
    name: "a token for another audience (the automation app)",
    token: () => r.t.mint({ claims: { aud: tenant.apps.daemon!.clientId } }),
    status: 401,
    message: "The access token's aud claim is not acceptable (check_failed).",
  },
  {
    name: "a Microsoft Graph token (the confused deputy)",
    token: () => r.t.mint({ kind: "graph" }),
    status: 401,
    message: BAD_ISSUER,
  },
  {
    name: "a token from another issuer for this tenant",
    token: () => r.t.mint({ claims: { iss: `https://login.example.com/${tenant.tenantId}/v2.0` } }),
    status: 401,
    message: BAD_ISSUER,
  },
  {
    name: "another tenant's token",
    token: () => r.t.mint({ claims: { iss: issuerOf(OTHER_TENANT), tid: OTHER_TENANT } }),
    status: 401,
    message: BAD_ISSUER,
  },
  {
    name: "a token whose tid names another tenant than its issuer",
    token: () => r.t.mint({ claims: { tid: OTHER_TENANT } }),
    status: 401,
    message: "The access token was issued for another tenant.",
  },
  {
    name: "a v1 token (sts.windows.net issuer, api:// audience, appid)",
    token: () =>
      r.t.mint({
        claims: {
          ver: "1.0",
          iss: `https://sts.windows.net/${tenant.tenantId}/`,
          aud: tenant.apps.api!.identifierUri,
          appid: tenant.apps.spa!.clientId,
          appidacr: "0",
        },
        removeClaims: ["azp", "azpacr"],
      }),
    status: 401,
    message: BAD_ISSUER,
  },
  {
    name: "a token claiming v1 with a v2 issuer and audience",
    token: () => r.t.mint({ claims: { ver: "1.0" } }),
    status: 401,
    message: "Only v2.0 access tokens are accepted.",
  },
  {
    name: "a token issued to another client (azp: the automation app)",
    token: () => r.t.mint({ clientId: tenant.apps.daemon!.clientId }),
    status: 401,
    message: () => issuedTo(tenant.apps.daemon!.clientId),
  },
  {
    name: "an app-only token (roles, no scp) from the automation app",
    token: () => r.t.mint({ kind: "api-app", claims: { roles: ["Licensedesk.Operator"] } }),
    status: 401,
    message: () => issuedTo(tenant.apps.daemon!.clientId),
  },
  {
    name: "an app-only token (roles, no scp) that names our web app as its client",
    token: () =>
      r.t.mint({
        kind: "api-app",
        clientId: tenant.apps.spa!.clientId,
        claims: { roles: ["Licensedesk.Operator"] },
      }),
    status: 403,
    message:
      "The access token is an application's own token (app-only); Licensedesk acts only for a signed-in person.",
  },
  {
    name: "a person's token without the access_as_user scope",
    token: () => r.t.mint({ removeClaims: ["scp"] }),
    status: 403,
    message: "The access token does not carry the access_as_user scope.",
  },
];

const later = (ms: number) => vi.setSystemTime(Date.now() + ms);
const signedInAs = async (token: string) => (await getMe(apiRequest("/api/me", token))).status;

describe(`the token matrix (${cases.length} tokens × ${stateChanging.length} state-changing and ${endpoints.length - stateChanging.length} reading endpoints)`, () => {
  it("has state-changing endpoints to check", () => {
    expect(stateChanging.length).toBeGreaterThanOrEqual(7);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    "refuses %s on every endpoint, with no Graph call and no database write",
    async (_, c) => {
      const token = await c.token();
      const message = typeof c.message === "function" ? c.message() : c.message;
      for (const endpoint of [...stateChanging, ...endpoints.filter((e) => !e.changesState)]) {
        await expectRefused(endpoint, token, c.status, message);
      }
    },
  );

  it("picks up a rotated key without restart: the new key's tokens are accepted, the retired key's refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    later(UNKNOWN_KID_COOLDOWN_MS);
    const retired = await r.t.mint();
    expect(await signedInAs(retired)).toBe(200);
    await r.t.control("POST", "/_emulator/identity/keys/rotate");
    later(UNKNOWN_KID_COOLDOWN_MS);
    // The new kid makes the API fetch the keys again, which no longer list the retired one.
    expect(await signedInAs(await r.t.mint())).toBe(200);
    for (const endpoint of stateChanging) await expectRefused(endpoint, retired, 401, UNKNOWN_KEY);
  });

  it("answers 503 while the signing keys cannot be fetched, keeps known keys working, and recovers by itself", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    later(UNKNOWN_KID_COOLDOWN_MS);
    expect(await signedInAs(await r.t.mint())).toBe(200);
    await r.t.control("POST", "/_emulator/identity/faults", {
      jwks: { status: 503, untilCleared: true },
    });
    later(MAX_AGE_MS + 1);
    // Keys fetched before the outage keep verifying past their age.
    expect(await signedInAs(await r.t.mint())).toBe(200);
    await r.t.control("POST", "/_emulator/identity/keys/rotate");
    later(UNKNOWN_KID_COOLDOWN_MS);
    const rotated = await r.t.mint();
    for (const endpoint of stateChanging) await expectRefused(endpoint, rotated, 503, UNAVAILABLE);
    expect(loggedLines(/\[auth\]/).length).toBeGreaterThanOrEqual(1);
    expect(loggedLines(/\[auth\]/).every((line) => line.includes("HTTP 503"))).toBe(true);
    await r.t.client.clearIdentityFaults();
    later(FAILURE_COOLDOWN_MS);
    expect(await signedInAs(rotated)).toBe(200);
  });
});
