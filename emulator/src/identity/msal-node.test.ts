import { ConfidentialClientApplication, ServerError } from "@azure/msal-node";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { controlApi } from "../testing/http";
import { apiTokenFor, demoTenantPerFile } from "../testing/flows";
import { confidentialClient, EMULATOR_AUTHORITY_HOST } from "../testing/msal";

const emulator = emulatorPerFile();
const tenant = demoTenantPerFile(emulator);
const ADELE = "adele.vance@contoso.onmicrosoft.com";
const GRAPH_DEFAULT = ["https://graph.microsoft.com/.default"];

const control = controlApi(emulator);
const mint = async (body: Record<string, unknown>): Promise<string> =>
  (await control<{ token: string }>("POST", "/_emulator/tokens", body)).body.token;

/** A real token whose payload is swapped for another user's after signing. */
async function forgedAssertion(): Promise<string> {
  const [header, payload = "", signature] = (
    await apiTokenFor(emulator, tenant, ADELE)
  ).access_token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<
    string,
    unknown
  >;
  const edited = { ...claims, oid: "00000000-0000-0000-0000-000000000002" };
  return `${header}.${Buffer.from(JSON.stringify(edited)).toString("base64url")}.${signature}`;
}

const bff = () => confidentialClient(emulator, tenant.tenantId, tenant.apiId, tenant.apiSecret);

describe("msal-node client credentials", () => {
  it("gets an app-only Graph token whose claims carry the daemon's application permissions", async () => {
    const daemon = await confidentialClient(
      emulator,
      tenant.tenantId,
      tenant.daemonId,
      tenant.daemonSecret,
    );
    const result = await daemon.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    expect(result?.accessToken).toBeTruthy();
    const jwks = createRemoteJWKSet(
      new URL(`${emulator.url}/${tenant.tenantId}/discovery/v2.0/keys`),
    );
    const { payload } = await jwtVerify(result?.accessToken ?? "", jwks, {
      audience: "https://graph.microsoft.com",
      issuer: `https://sts.windows.net/${tenant.tenantId}/`,
      algorithms: ["RS256"],
    });
    expect(payload).toMatchObject({
      appid: tenant.daemonId,
      idtyp: "app",
      tid: tenant.tenantId,
      ver: "1.0",
      roles: [
        "User.ReadWrite.All",
        "GroupMember.Read.All",
        "Organization.Read.All",
        "OrgContact.Read.All",
        "AuditLog.Read.All",
      ],
    });
    expect(payload.scp).toBeUndefined();
    expect(payload.oid).toMatch(/^[0-9a-f-]{36}$/);

    const again = await daemon.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    expect(again?.fromCache).toBe(true);
  });

  it("surfaces a wrong secret as invalid_client", async () => {
    const daemon = await confidentialClient(
      emulator,
      tenant.tenantId,
      tenant.daemonId,
      "wrong-secret",
    );
    await expect(
      daemon.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }),
    ).rejects.toMatchObject({
      errorCode: "invalid_client",
      errorMessage: expect.stringContaining("AADSTS7000215"),
    });
  });
});

describe("msal-node on-behalf-of", () => {
  it("trades a user's API token for a delegated Graph token, then serves the second call from its cache", async () => {
    const { access_token: assertion } = await apiTokenFor(emulator, tenant, ADELE);
    const client = await bff();
    const result = await client.acquireTokenOnBehalfOf({
      oboAssertion: assertion,
      scopes: GRAPH_DEFAULT,
    });
    expect(result?.fromCache).toBe(false);
    const adele = emulator.state.tenant.users.find((u) => u.userPrincipalName === ADELE);
    const claims = decodeJwt(result?.accessToken ?? "");
    expect(claims).toMatchObject({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${tenant.tenantId}/`,
      appid: tenant.apiId,
      oid: adele?.id,
      upn: ADELE,
      idtyp: "user",
      ver: "1.0",
    });
    expect(String(claims.scp).split(" ").sort()).toEqual([
      "AuditLog.Read.All",
      "GroupMember.Read.All",
      "OrgContact.Read.All",
      "Organization.Read.All",
      "User.ReadWrite.All",
    ]);
    expect(claims.wids).toContain("4d6ac14f-3453-41d0-bef9-a3e0c569773a");
    await expect(emulator.state.keys.verify(result?.accessToken ?? "")).resolves.toBeTruthy();

    const second = await client.acquireTokenOnBehalfOf({
      oboAssertion: assertion,
      scopes: GRAPH_DEFAULT,
    });
    expect(second?.fromCache).toBe(true);
    expect(second?.accessToken).toBe(result?.accessToken);
  });

  it("limits named Graph scopes to those consented for the API", async () => {
    const { access_token: assertion } = await apiTokenFor(emulator, tenant, ADELE);
    const result = await (
      await bff()
    ).acquireTokenOnBehalfOf({
      oboAssertion: assertion,
      scopes: [
        "https://graph.microsoft.com/User.ReadWrite.All",
        "https://graph.microsoft.com/Mail.Send",
      ],
    });
    expect(decodeJwt(result?.accessToken ?? "").scp).toBe("User.ReadWrite.All");
  });

  const badAssertions: [string, () => Promise<string>][] = [
    ["forged (payload edited after signing)", forgedAssertion],
    ["unsigned (alg none)", () => mint({ kind: "api", user: ADELE, alg: "none" })],
    ["signed by a foreign key", () => mint({ kind: "api", user: ADELE, key: "foreign" })],
    ["for another audience (a Graph token)", () => mint({ kind: "graph", user: ADELE })],
    ["expired", () => mint({ kind: "api", user: ADELE, expiresInSeconds: -120 })],
    [
      "from another tenant",
      () =>
        mint({ kind: "api", user: ADELE, claims: { tid: "11111111-1111-1111-1111-111111111111" } }),
    ],
  ];

  it.each(badAssertions)(
    "refuses an assertion that is %s with invalid_grant",
    async (_name, assertion) => {
      const client = await bff();
      const error = await client
        .acquireTokenOnBehalfOf({ oboAssertion: await assertion(), scopes: GRAPH_DEFAULT })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ServerError);
      expect((error as ServerError).errorCode).toBe("invalid_grant");
      expect((error as ServerError).errorMessage).toMatch(/AADSTS(50013|500133):/);
    },
  );

  it("requires the calling API to authenticate with its secret", async () => {
    const { access_token: assertion } = await apiTokenFor(emulator, tenant, ADELE);
    const client = await confidentialClient(
      emulator,
      tenant.tenantId,
      tenant.apiId,
      "wrong-secret",
    );
    await expect(
      client.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: GRAPH_DEFAULT }),
    ).rejects.toMatchObject({
      errorCode: "invalid_client",
    });
  });
});

describe("msal-node authority guard", () => {
  it("still refuses an http:// authority (authority_uri_insecure), which is why the emulator needs authorityMetadata", async () => {
    const client = new ConfidentialClientApplication({
      auth: {
        clientId: tenant.daemonId,
        clientSecret: tenant.daemonSecret,
        authority: `${emulator.url}/${tenant.tenantId}`,
      },
    });
    await expect(
      client.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }),
    ).rejects.toMatchObject({
      errorCode: "authority_uri_insecure",
    });
    expect(EMULATOR_AUTHORITY_HOST.endsWith(".invalid")).toBe(true);
  });
});
