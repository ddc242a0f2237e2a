import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { controlApi } from "../testing/http";
import { FakeBrowser, redirectParams } from "../testing/browser";
import {
  apiTokenFor,
  authorizePath,
  demoTenantPerFile,
  postToken,
  signInWithPassword,
} from "../testing/flows";
import { confidentialClient } from "../testing/msal";

const emulator = emulatorPerFile();
const tenant = demoTenantPerFile(emulator);
const ADELE = "adele.vance@contoso.onmicrosoft.com";

const control = controlApi(emulator);

afterEach(() => control("DELETE", "/_emulator/identity/faults"));

describe("GET /_emulator/tenant", () => {
  it("describes the tenant, its endpoints, apps and sign-in accounts", async () => {
    const { body } = await control("GET", "/_emulator/tenant");
    const tid = emulator.state.tenant.id;
    expect(body).toMatchObject({
      tenantId: tid,
      displayName: "Contoso",
      defaultDomain: "contoso.onmicrosoft.com",
      issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
      endpoints: {
        openidConfiguration: `${emulator.url}/${tid}/v2.0/.well-known/openid-configuration`,
        authorization: `${emulator.url}/${tid}/oauth2/v2.0/authorize`,
        token: `${emulator.url}/${tid}/oauth2/v2.0/token`,
        logout: `${emulator.url}/${tid}/oauth2/v2.0/logout`,
        jwks: `${emulator.url}/${tid}/discovery/v2.0/keys`,
      },
      graphBaseUrl: `${emulator.url}/v1.0`,
      apps: {
        spa: {
          displayName: "Licensedesk web",
          redirectUris: expect.arrayContaining(["http://localhost:3000/redirect"]),
        },
        api: {
          displayName: "Licensedesk API",
          identifierUri: `api://${tenant.apiId}`,
          scope: `api://${tenant.apiId}/access_as_user`,
          appRoles: [
            { value: "Licensedesk.Operator", displayName: expect.any(String) },
            { value: "Licensedesk.Reader", displayName: expect.any(String) },
          ],
          clientSecret: expect.any(String),
        },
        daemon: {
          displayName: "Licensedesk automation",
          clientSecret: expect.any(String),
          graphApplicationPermissions: [
            "User.ReadWrite.All",
            "GroupMember.Read.All",
            "Organization.Read.All",
            "OrgContact.Read.All",
            "AuditLog.Read.All",
          ],
        },
      },
    });
    const accounts = body?.accounts as Record<string, unknown>[];
    expect(accounts).toHaveLength(6);
    expect(accounts).toContainEqual({
      id: expect.any(String),
      userPrincipalName: "isaiah.langer@contoso.onmicrosoft.com",
      displayName: "Isaiah Langer",
      password: "Demo-Pass-2026!",
      directoryRoles: ["Global Reader"],
      appRoles: ["Licensedesk.Reader"],
    });
  });
});

const jwks = () =>
  createRemoteJWKSet(new URL(`${emulator.url}/${tenant.tenantId}/discovery/v2.0/keys`));
const verifyAsApi = (token: string) =>
  jwtVerify(token, jwks(), {
    issuer: `https://login.microsoftonline.com/${tenant.tenantId}/v2.0`,
    audience: tenant.apiId,
    algorithms: ["RS256"],
    requiredClaims: ["exp", "iat", "tid", "oid"],
  });
const mint = async (body: Record<string, unknown>) =>
  (await control("POST", "/_emulator/tokens", body)).body as {
    token: string;
    claims: Record<string, unknown>;
  };

describe("POST /_emulator/tokens", () => {
  it("mints an API token a correct verifier accepts, with the user's claims and the overrides", async () => {
    const { token, claims } = await mint({ kind: "api", user: ADELE, claims: { name: "Renamed" } });
    const { payload } = await verifyAsApi(token);
    expect(payload).toEqual(claims);
    expect(payload).toMatchObject({
      preferred_username: ADELE,
      scp: "access_as_user",
      name: "Renamed",
      azp: tenant.spaId,
    });
  });

  it.each([
    ["a foreign key", { key: "foreign" }, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"],
    ["alg none", { alg: "none" }, "ERR_JOSE_ALG_NOT_ALLOWED"],
    ["an unknown kid", { kid: "not-published" }, "ERR_JWKS_NO_MATCHING_KEY"],
    ["an expiry in the past", { expiresInSeconds: -60 }, "ERR_JWT_EXPIRED"],
    ["a not-before in the future", { notBeforeInSeconds: 600 }, "ERR_JWT_CLAIM_VALIDATION_FAILED"],
    ["no exp claim", { removeClaims: ["exp"] }, "ERR_JWT_CLAIM_VALIDATION_FAILED"],
    ["a Graph audience", { kind: "graph" }, "ERR_JWT_CLAIM_VALIDATION_FAILED"],
  ])("mints tokens with %s that the verifier rejects", async (_name, options, code) => {
    const { token } = await mint({ kind: "api", user: ADELE, ...options });
    await expect(verifyAsApi(token)).rejects.toMatchObject({ code });
  });

  it("mints an app-only Graph token for the daemon", async () => {
    const { claims } = await mint({ kind: "graph-app" });
    expect(claims).toMatchObject({
      appid: tenant.daemonId,
      idtyp: "app",
      aud: "https://graph.microsoft.com",
    });
  });

  it("mints an app-only token for our API: the app's service principal as subject, no scp", async () => {
    const { token, claims } = await mint({ kind: "api-app" });
    const { payload } = await verifyAsApi(token);
    expect(payload).toEqual(claims);
    expect(claims).toMatchObject({ azp: tenant.daemonId, idtyp: "app", ver: "2.0" });
    expect(claims.sub).toBe(claims.oid);
    expect(claims).not.toHaveProperty("scp");
  });

  it("rejects an unknown user and a malformed body", async () => {
    expect(
      (
        await control("POST", "/_emulator/tokens", {
          kind: "api",
          user: "nobody@contoso.onmicrosoft.com",
        })
      ).status,
    ).toBe(404);
    expect((await control("POST", "/_emulator/tokens", { kind: "id" })).status).toBe(400);
  });
});

describe("PATCH /_emulator/apps/{appId}", () => {
  it("takes a Graph permission from an app and grants it back: the next token says so and Graph answers", async () => {
    const contacts = async () => {
      const { token } = await mint({ kind: "graph-app" });
      return (
        await fetch(`${emulator.url}/v1.0/contacts`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status;
    };
    const change = (graphApplicationPermissions: string[]) =>
      control("PATCH", `/_emulator/apps/${tenant.daemonId}`, { graphApplicationPermissions });
    try {
      expect(await contacts()).toBe(200);
      const taken = await change(["User.ReadWrite.All"]);
      expect(taken.body).toMatchObject({ graphApplicationPermissions: ["User.ReadWrite.All"] });
      expect(await contacts()).toBe(403);
      await change(["User.ReadWrite.All", "OrgContact.Read.All"]);
      expect(await contacts()).toBe(200);
      const { claims } = await mint({ kind: "graph-app" });
      expect(claims.roles).toEqual(["User.ReadWrite.All", "OrgContact.Read.All"]);
    } finally {
      await control("POST", "/_emulator/reset", { to: "demo" });
    }
  });

  it.each([
    [
      "an unknown app",
      "00000000-0000-4000-8000-000000000000",
      { graphDelegatedPermissions: [] },
      404,
    ],
    ["an empty change", "daemon", {}, 400],
    [
      "something that is not a permission",
      "daemon",
      { graphApplicationPermissions: ["all of it"] },
      400,
    ],
  ])("answers %s with an error and changes nothing", async (_what, app, body, status) => {
    const appId = app === "daemon" ? tenant.daemonId : app;
    const before = emulator.state.tenant.apps.map((a) => a.graphApplicationPermissions);
    const res = await control("PATCH", `/_emulator/apps/${appId}`, body);
    expect(res.status).toBe(status);
    expect(emulator.state.tenant.apps.map((a) => a.graphApplicationPermissions)).toEqual(before);
  });
});

describe("identity faults", () => {
  it("fails the next refresh once with invalid_grant, then works again", async () => {
    const { refresh_token } = await apiTokenFor(emulator, tenant, ADELE);
    await control("POST", "/_emulator/identity/faults", {
      refreshToken: { error: "invalid_grant", times: 1 },
    });
    const refresh = () =>
      postToken(emulator, tenant, {
        client_id: tenant.spaId,
        grant_type: "refresh_token",
        refresh_token,
        scope: tenant.apiScope,
      });
    expect((await refresh()).body).toMatchObject({ error: "invalid_grant", error_codes: [700082] });
    expect((await refresh()).status).toBe(200);
  });

  it("refuses every refresh with invalid_grant until cleared, then works again", async () => {
    const { refresh_token } = await apiTokenFor(emulator, tenant, ADELE);
    await control("POST", "/_emulator/identity/faults", {
      refreshToken: { error: "invalid_grant", untilCleared: true },
    });
    const refresh = () =>
      postToken(emulator, tenant, {
        client_id: tenant.spaId,
        grant_type: "refresh_token",
        refresh_token,
        scope: tenant.apiScope,
      });
    for (let i = 0; i < 3; i++) {
      expect((await refresh()).body).toMatchObject({ error: "invalid_grant" });
    }
    expect((await control("GET", "/_emulator/identity/faults")).body).toEqual({
      refreshToken: { error: "invalid_grant", untilCleared: true },
    });
    await control("DELETE", "/_emulator/identity/faults");
    expect((await refresh()).status).toBe(200);
  });

  it("answers a token request with 429 and a Retry-After the browser may read", async () => {
    await control("POST", "/_emulator/identity/faults", {
      token: { status: 429, retryAfter: 1, times: 1 },
    });
    const res = await fetch(`${emulator.url}/${tenant.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "http://localhost:3000",
      },
      body: "grant_type=client_credentials",
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.headers.get("access-control-expose-headers")).toContain("Retry-After");
    expect(((await res.json()) as { error: string }).error).toBe("temporarily_unavailable");
  });

  it("makes on-behalf-of demand interaction with a claims challenge that msal-node passes on", async () => {
    const { access_token } = await apiTokenFor(emulator, tenant, ADELE);
    await control("POST", "/_emulator/identity/faults", {
      onBehalfOf: { error: "interaction_required", times: 1 },
    });
    const bff = await confidentialClient(emulator, tenant.tenantId, tenant.apiId, tenant.apiSecret);
    const request = {
      oboAssertion: access_token,
      scopes: ["https://graph.microsoft.com/.default"],
    };
    await expect(bff.acquireTokenOnBehalfOf(request)).rejects.toMatchObject({
      errorCode: "interaction_required",
      claims: expect.stringContaining("capolids"),
    });
    expect((await bff.acquireTokenOnBehalfOf(request))?.accessToken).toBeTruthy();
  });

  it("makes a silent authorize fail even with a session", async () => {
    const browser = new FakeBrowser(emulator.url);
    await signInWithPassword(browser, tenant, ADELE);
    await control("POST", "/_emulator/identity/faults", {
      promptNone: { error: "interaction_required", times: 1 },
    });
    const res = await browser.request(authorizePath({ tenant, prompt: "none" }));
    expect(redirectParams(res.headers.get("location")).get("error")).toBe("interaction_required");
  });

  it("lists armed faults, clears them on DELETE and rejects unknown fault points", async () => {
    await control("POST", "/_emulator/identity/faults", {
      onBehalfOf: { error: "consent_required", times: 2 },
    });
    expect((await control("GET", "/_emulator/identity/faults")).body).toEqual({
      onBehalfOf: { error: "consent_required", times: 2 },
    });
    expect((await control("DELETE", "/_emulator/identity/faults")).status).toBe(204);
    expect((await control("GET", "/_emulator/identity/faults")).body).toEqual({});
    expect(
      (await control("POST", "/_emulator/identity/faults", { graph: { times: 1 } })).status,
    ).toBe(400);
    const both = { refreshToken: { error: "invalid_grant", times: 2, untilCleared: true } };
    expect((await control("POST", "/_emulator/identity/faults", both)).status).toBe(400);
  });
});

describe("signing-key faults and rotation", () => {
  const keysPath = () => `/${tenant.tenantId}/discovery/v2.0/keys`;
  const getKeys = () => fetch(`${emulator.url}${keysPath()}`);
  const kidsNow = async () =>
    ((await (await getKeys()).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

  it("fails the key endpoint with a status for the next request only, then serves the keys", async () => {
    await control("POST", "/_emulator/identity/faults", { jwks: { status: 503 } });
    const failed = await getKeys();
    expect(failed.status).toBe(503);
    expect(failed.headers.get("content-type")).toContain("text/html");
    expect((await getKeys()).status).toBe(200);
  });

  it("answers keys that do not parse as JSON until cleared", async () => {
    await control("POST", "/_emulator/identity/faults", {
      jwks: { malformed: true, untilCleared: true },
    });
    for (let i = 0; i < 2; i++) {
      const res = await getKeys();
      expect(res.status).toBe(200);
      await expect(res.json()).rejects.toThrow(SyntaxError);
    }
    await control("DELETE", "/_emulator/identity/faults");
    expect(await kidsNow()).toEqual([emulator.state.keys.kid]);
  });

  it("drops the connection, or answers only after a delay", async () => {
    await control("POST", "/_emulator/identity/faults", { jwks: { drop: true } });
    await expect(getKeys()).rejects.toThrow(TypeError);
    await control("POST", "/_emulator/identity/faults", { jwks: { latencyMs: 300 } });
    const slow = await fetch(`${emulator.url}${keysPath()}`, {
      signal: AbortSignal.timeout(100),
    }).catch((e: unknown) => e);
    expect(slow).toMatchObject({ name: "TimeoutError" });
  });

  it("refuses a JWKS fault that says nothing about how to fail", async () => {
    const res = await control("POST", "/_emulator/identity/faults", { jwks: { times: 2 } });
    expect(res.status).toBe(400);
  });

  it("rotates the signing key: the JWKS lists only the new kid, old tokens stop verifying, new ones verify", async () => {
    const before = await mint({ kind: "api", user: ADELE });
    const oldKid = emulator.state.keys.kid;
    const { body } = await control("POST", "/_emulator/identity/keys/rotate");
    expect(body).toEqual({ kid: expect.any(String), retiredKid: oldKid });
    expect(body.kid).not.toBe(oldKid);
    expect(await kidsNow()).toEqual([body.kid]);
    await expect(verifyAsApi(before.token)).rejects.toMatchObject({
      code: "ERR_JWKS_NO_MATCHING_KEY",
    });
    const after = await mint({ kind: "api", user: ADELE });
    await expect(verifyAsApi(after.token)).resolves.toBeDefined();
  });
});
