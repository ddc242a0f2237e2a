import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedLines } from "@/lib/testing/console-capture";
import { ApiError } from "../http/api-error";
import { createAccessTokenVerifier, type TokenExpectations } from "./verify-access-token";

const TENANT = "7f3b2c1a-4d5e-4f60-8a9b-0c1d2e3f4a5b";
const API = "3e8a1f2b-6c7d-4e5f-9a0b-1c2d3e4f5a6b";
const SPA = "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
const KID = "tenant-key-1";

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let tenantKey: Keys;
let foreignKey: Keys;
let jwksServer: Server;
let expected: TokenExpectations;

beforeAll(async () => {
  tenantKey = await generateKeyPair("RS256");
  foreignKey = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(tenantKey.publicKey)), kid: KID, use: "sig", alg: "RS256" };
  jwksServer = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  const { port } = jwksServer.address() as AddressInfo;
  expected = {
    issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    audience: API,
    tenantId: TENANT,
    clientId: SPA,
    jwksUri: `http://127.0.0.1:${port}/${TENANT}/discovery/v2.0/keys`,
  };
});

afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

const adele: JWTPayload = {
  iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  aud: API,
  tid: TENANT,
  oid: "0b5a0e1c-1111-4aaa-8bbb-2c3d4e5f6a7b",
  sub: "kXz0Yl3d7mQ2pairwise-subject",
  azp: SPA,
  azpacr: "0",
  name: "Adele Vance",
  preferred_username: "adele.vance@contoso.onmicrosoft.com",
  scp: "access_as_user",
  roles: ["Licensedesk.Operator"],
  wids: ["4d6ac14f-3453-41d0-bef9-a3e0c569773a", "b79fbf4d-3ef9-4689-8143-76b194e85509"],
  ver: "2.0",
};

async function sign(
  claims: JWTPayload,
  { key = tenantKey, kid = KID, expiresIn = "1h" as string | null, notBefore = true } = {},
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).setIssuedAt();
  if (expiresIn) jwt.setExpirationTime(expiresIn);
  // Entra always stamps nbf; tests drop it only to prove it is required.
  if (notBefore) jwt.setNotBefore("0s");
  return jwt.sign(key.privateKey);
}

async function rejection(token: string): Promise<ApiError> {
  const error = await createAccessTokenVerifier(expected)(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("createAccessTokenVerifier", () => {
  it("accepts the tenant's v2 token for our API and returns the caller", async () => {
    const claims = await createAccessTokenVerifier(expected)(await sign(adele));
    expect(claims).toEqual({
      oid: adele.oid,
      tid: TENANT,
      name: "Adele Vance",
      preferredUsername: "adele.vance@contoso.onmicrosoft.com",
      scopes: ["access_as_user"],
      roles: ["Licensedesk.Operator"],
      wids: adele.wids,
    });
  });

  it("rejects a Graph token (the confused deputy) with 401", async () => {
    const graph = {
      ...adele,
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${TENANT}/`,
      ver: "1.0",
    };
    const error = await rejection(await sign(graph));
    expect(error.code).toBe("unauthorized");
    expect(error.message).toContain("iss");
  });

  it("rejects a token for another API", async () => {
    const error = await rejection(await sign({ ...adele, aud: "api://someone-else" }));
    expect(error).toMatchObject({ code: "unauthorized", message: expect.stringContaining("aud") });
  });

  it("rejects another tenant's issuer", async () => {
    const other = "11111111-2222-4333-8444-555555555555";
    const token = await sign({
      ...adele,
      iss: `https://login.microsoftonline.com/${other}/v2.0`,
      tid: other,
    });
    expect((await rejection(token)).code).toBe("unauthorized");
  });

  it("rejects a tid that disagrees with the issuer", async () => {
    const token = await sign({ ...adele, tid: "11111111-2222-4333-8444-555555555555" });
    expect((await rejection(token)).message).toBe(
      "The access token was issued for another tenant.",
    );
  });

  it("rejects an expired token", async () => {
    const token = await sign(adele, { expiresIn: "-5 minutes" });
    expect((await rejection(token)).message).toBe("The access token has expired.");
  });

  it("rejects a token without exp", async () => {
    const token = await sign(adele, { expiresIn: null });
    expect((await rejection(token)).message).toContain("exp");
  });

  it("rejects a token without nbf", async () => {
    const error = await rejection(await sign(adele, { notBefore: false }));
    expect(error).toMatchObject({ code: "unauthorized", status: 401 });
    expect(error.message).toContain("nbf");
  });

  it("rejects a token signed by a key the tenant does not publish", async () => {
    const sameKid = await rejection(await sign(adele, { key: foreignKey }));
    expect(sameKid.message).toBe("The access token's signature does not verify.");
    const otherKid = await rejection(await sign(adele, { key: foreignKey, kid: "other" }));
    expect(otherKid.message).toBe(
      "The access token was signed with a key the tenant does not publish.",
    );
  });

  it("rejects an unsigned token (alg none)", async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const token = `${encode({ alg: "none", typ: "JWT" })}.${encode({ ...adele, iat: now, exp: now + 3600 })}.`;
    expect((await rejection(token)).code).toBe("unauthorized");
  });

  it("rejects a v1 token even when the other claims look right", async () => {
    const token = await sign({ ...adele, ver: "1.0" });
    expect((await rejection(token)).message).toBe("Only v2.0 access tokens are accepted.");
  });

  it("answers 403, not 401, to a valid token without the access_as_user scope", async () => {
    const { scp: _scp, ...noScope } = adele;
    const error = await rejection(await sign(noScope));
    expect(error).toMatchObject({
      code: "forbidden",
      status: 403,
      message: "The access token does not carry the access_as_user scope.",
    });
  });

  it("rejects with 401 a token issued to another application, or naming none", async () => {
    const other = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
    const error = await rejection(await sign({ ...adele, azp: other, azpacr: "1" }));
    expect(error).toMatchObject({ code: "unauthorized", status: 401 });
    expect(error.message).toBe(
      `The access token was issued to another application (${other}); only the Licensedesk web app may call this API.`,
    );
    const { azp: _azp, ...noClient } = adele;
    expect((await rejection(await sign(noClient))).message).toContain("(none named)");
  });

  it("answers 403 to an app-only token (the app's own, no person) even with roles", async () => {
    const { scp: _scp, name: _name, preferred_username: _upn, wids: _wids, ...person } = adele;
    const servicePrincipal = "6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f";
    const byIdtyp = { ...person, idtyp: "app", oid: servicePrincipal, sub: servicePrincipal };
    const bySubject = { ...person, oid: servicePrincipal, sub: servicePrincipal };
    for (const claims of [byIdtyp, bySubject]) {
      const error = await rejection(await sign(claims));
      expect(error).toMatchObject({ code: "forbidden", status: 403 });
      expect(error.message).toContain("application's own token (app-only)");
    }
  });

  it("reports unreachable signing keys as the service's problem, not the caller's", async () => {
    const verify = createAccessTokenVerifier({ ...expected, jwksUri: "http://127.0.0.1:9/keys" });
    const error = await verify(await sign(adele)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "service_unavailable",
      status: 503,
      message: expect.stringContaining("signing keys are unavailable"),
    });
    expect(loggedLines(/\[auth\]/)).toEqual([
      expect.stringMatching(/could not be fetched \(fetch failed: .*\); no keys cached\.$/),
    ]);
  });
});
