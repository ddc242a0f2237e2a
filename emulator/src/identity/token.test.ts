import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { FakeBrowser } from "../testing/browser";
import { demoTenantPerFile, postToken, redeemCode, signInWithPassword } from "../testing/flows";

const emulator = emulatorPerFile();
const tenant = demoTenantPerFile(emulator);
const MEGAN = "megan.bowen@contoso.onmicrosoft.com";

const signIn = () => signInWithPassword(new FakeBrowser(emulator.url), tenant, MEGAN);

const aadsts = (body: Record<string, unknown>) => String(body.error_description).split(":")[0];

describe("authorization_code grant", () => {
  it("issues a v2 API token with the user's roles, wids, pairwise sub and the SPA as azp", async () => {
    const { status, body } = await redeemCode(emulator, tenant, await signIn());
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: "Bearer",
      scope: tenant.apiScope,
      expires_in: 3600,
      ext_expires_in: 3600,
    });
    expect(body.refresh_token).toBeTruthy();
    expect(body.refresh_token_expires_in).toBe(86_400);
    const user = emulator.state.tenant.users.find((u) => u.userPrincipalName === MEGAN);
    const claims = decodeJwt(String(body.access_token));
    expect(claims).toMatchObject({
      aud: tenant.apiId,
      iss: `https://login.microsoftonline.com/${tenant.tenantId}/v2.0`,
      azp: tenant.spaId,
      azpacr: "0",
      scp: "access_as_user",
      roles: ["Licensedesk.Operator"],
      oid: user?.id,
      tid: tenant.tenantId,
      name: "Megan Bowen",
      preferred_username: MEGAN,
      ver: "2.0",
    });
    expect(claims.wids).toEqual(["b79fbf4d-3ef9-4689-8143-76b194e85509"]);
    expect(claims.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(claims.sub).not.toBe(user?.id);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    await expect(emulator.state.keys.verify(String(body.access_token))).resolves.toBeTruthy();
  });

  it("refuses a code verifier that does not match the challenge (AADSTS50148)", async () => {
    const signedIn = await signIn();
    const { status, body } = await redeemCode(emulator, tenant, {
      ...signedIn,
      verifier: "x".repeat(43),
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [50148] });
    expect(body.trace_id).toBeTruthy();
    expect(body.correlation_id).toBeTruthy();
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  });

  it("redeems a code once only (AADSTS54005)", async () => {
    const signedIn = await signIn();
    expect((await redeemCode(emulator, tenant, signedIn)).status).toBe(200);
    const again = await redeemCode(emulator, tenant, signedIn);
    expect(again.body).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("refuses a redirect URI other than the one the code was issued for (AADSTS500112)", async () => {
    const { body } = await redeemCode(emulator, tenant, await signIn(), {
      redirect_uri: "http://127.0.0.1:3000/redirect",
    });
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [500112] });
  });

  it("makes a SPA redeem cross-origin only (AADSTS9002327)", async () => {
    const signedIn = await signIn();
    const { body } = await postToken(
      emulator,
      tenant,
      {
        client_id: tenant.spaId,
        grant_type: "authorization_code",
        code: signedIn.code,
        code_verifier: signedIn.verifier,
        redirect_uri: "http://localhost:3000/redirect",
      },
      {},
    );
    expect(body).toMatchObject({ error: "invalid_request", error_codes: [9002327] });
  });

  it("refuses an unknown client (AADSTS700016) with Entra's error shape", async () => {
    const { status, body } = await redeemCode(emulator, tenant, await signIn(), {
      client_id: "00000000-0000-0000-0000-000000000001",
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
    expect(aadsts(body)).toBe("AADSTS700016");
  });

  it("refuses a secret from a public SPA client (AADSTS700025)", async () => {
    const { status, body } = await redeemCode(emulator, tenant, await signIn(), {
      client_secret: "s",
    });
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: "invalid_client", error_codes: [700025] });
  });
});

describe("token endpoint", () => {
  it("refuses a wrong client secret with invalid_client (AADSTS7000215) and 401", async () => {
    const { status, body } = await postToken(
      emulator,
      tenant,
      {
        client_id: tenant.daemonId,
        client_secret: "not-the-secret",
        grant_type: "client_credentials",
        scope: "https://graph.microsoft.com/.default",
      },
      {},
    );
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
  });

  it("accepts the secret in HTTP Basic authentication too", async () => {
    const basic = Buffer.from(
      `${tenant.daemonId}:${encodeURIComponent(tenant.daemonSecret)}`,
    ).toString("base64");
    const { status } = await postToken(
      emulator,
      tenant,
      { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
      { authorization: `Basic ${basic}` },
    );
    expect(status).toBe(200);
  });

  it("requires /.default for client credentials (AADSTS1002012)", async () => {
    const { body } = await postToken(
      emulator,
      tenant,
      {
        client_id: tenant.daemonId,
        client_secret: tenant.daemonSecret,
        grant_type: "client_credentials",
        scope: "https://graph.microsoft.com/User.Read.All",
      },
      {},
    );
    expect(body).toMatchObject({ error: "invalid_scope", error_codes: [1002012] });
  });

  it("names unsupported and missing grant types", async () => {
    expect((await postToken(emulator, tenant, { grant_type: "password" })).body).toMatchObject({
      error: "unsupported_grant_type",
      error_codes: [70003],
    });
    expect((await postToken(emulator, tenant, {})).body).toMatchObject({ error_codes: [900144] });
  });

  it("answers a GET with AADSTS900561 and an unknown tenant with AADSTS90002", async () => {
    const get = await fetch(`${emulator.url}/${tenant.tenantId}/oauth2/v2.0/token`);
    expect(((await get.json()) as { error_codes: number[] }).error_codes).toEqual([900561]);
    const res = await fetch(`${emulator.url}/not-a-tenant/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });

  it("reflects the SPA's Origin so the browser can read token responses", async () => {
    const res = await fetch(`${emulator.url}/${tenant.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "http://localhost:3000",
      },
      body: "grant_type=refresh_token",
    });
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
  });
});
