import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { apiTokenFor, demoTenantPerFile, postToken } from "../testing/flows";

const emulator = emulatorPerFile();
const tenant = demoTenantPerFile(emulator);
const MEGAN = "megan.bowen@contoso.onmicrosoft.com";

describe("refresh_token grant", () => {
  it("renews the API token and answers with a new refresh token", async () => {
    const first = await apiTokenFor(emulator, tenant, MEGAN);
    const { status, body } = await postToken(emulator, tenant, {
      client_id: tenant.spaId,
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      scope: `${tenant.apiScope} openid profile offline_access`,
      client_info: "1",
    });
    expect(status).toBe(200);
    expect(body.refresh_token).toBeTruthy();
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(body.client_info).toBe(first.client_info);
    expect(decodeJwt(String(body.access_token)).aud).toBe(tenant.apiId);
  });

  it("accepts the API scope written with the bare app id", async () => {
    const first = await apiTokenFor(emulator, tenant, MEGAN);
    const { status, body } = await postToken(emulator, tenant, {
      client_id: tenant.spaId,
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      scope: `${tenant.apiId}/access_as_user`,
    });
    expect(status).toBe(200);
    expect(body.scope).toBe(`${tenant.apiId}/access_as_user`);
    expect(decodeJwt(String(body.access_token))).toMatchObject({
      aud: tenant.apiId,
      scp: "access_as_user",
    });
  });

  it("gives Graph tokens for the same user from the API's refresh token, limited to consented permissions", async () => {
    const spaToken = await apiTokenFor(emulator, tenant, MEGAN);
    const obo = await postToken(
      emulator,
      tenant,
      {
        client_id: tenant.apiId,
        client_secret: tenant.apiSecret,
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        requested_token_use: "on_behalf_of",
        assertion: spaToken.access_token,
        scope: "https://graph.microsoft.com/User.ReadWrite.All openid profile offline_access",
      },
      {},
    );
    expect(obo.status).toBe(200);
    const { status, body } = await postToken(
      emulator,
      tenant,
      {
        client_id: tenant.apiId,
        client_secret: tenant.apiSecret,
        grant_type: "refresh_token",
        refresh_token: String(obo.body.refresh_token),
        scope:
          "https://graph.microsoft.com/GroupMember.Read.All https://graph.microsoft.com/Mail.Read",
      },
      {},
    );
    expect(status).toBe(200);
    expect(body.scope).toBe("https://graph.microsoft.com/GroupMember.Read.All");
    const claims = decodeJwt(String(body.access_token));
    expect(claims).toMatchObject({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${tenant.tenantId}/`,
      scp: "GroupMember.Read.All",
      appid: tenant.apiId,
      upn: MEGAN,
      ver: "1.0",
    });
  });

  it("answers consent_required when the client has no Graph permission consented", async () => {
    const spaToken = await apiTokenFor(emulator, tenant, MEGAN);
    const { body } = await postToken(emulator, tenant, {
      client_id: tenant.spaId,
      grant_type: "refresh_token",
      refresh_token: spaToken.refresh_token,
      scope: "https://graph.microsoft.com/User.Read openid profile offline_access",
    });
    expect(body).toMatchObject({
      error: "invalid_grant",
      suberror: "consent_required",
      error_codes: [65001],
    });
  });

  it("refuses an expired refresh token (AADSTS700082) and an unknown one", async () => {
    await fetch(`${emulator.url}/_emulator/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshTokenLifetimeSeconds: 1 }),
    });
    const spaToken = await apiTokenFor(emulator, tenant, MEGAN);
    await fetch(`${emulator.url}/_emulator/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshTokenLifetimeSeconds: 86_400 }),
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refresh = (token: string) =>
      postToken(emulator, tenant, {
        client_id: tenant.spaId,
        grant_type: "refresh_token",
        refresh_token: token,
        scope: tenant.apiScope,
      });
    expect((await refresh(spaToken.refresh_token)).body).toMatchObject({
      error: "invalid_grant",
      error_codes: [700082],
    });
    expect((await refresh("garbage")).body).toMatchObject({
      error: "invalid_grant",
      error_codes: [9002313],
    });
  });
});
