import { beforeAll, describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";

const emulator = emulatorPerFile();
let tid: string;

beforeAll(() => {
  tid = emulator.state.tenant.id;
});

const getJson = async (path: string) => {
  const res = await fetch(`${emulator.url}${path}`, {
    headers: { origin: "http://localhost:3000" },
  });
  return { res, body: (await res.json()) as Record<string, unknown> };
};

describe("OpenID discovery", () => {
  it("publishes Entra's v2 document: production-shaped issuer, endpoints on the emulator", async () => {
    const { res, body } = await getJson(`/${tid}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(body).toMatchObject({
      issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
      authorization_endpoint: `${emulator.url}/${tid}/oauth2/v2.0/authorize`,
      token_endpoint: `${emulator.url}/${tid}/oauth2/v2.0/token`,
      end_session_endpoint: `${emulator.url}/${tid}/oauth2/v2.0/logout`,
      jwks_uri: `${emulator.url}/${tid}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      code_challenge_methods_supported: ["S256"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
  });

  it("resolves the default domain to the tenant id and keeps common's issuer as Entra's template", async () => {
    const byDomain = await getJson(
      "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
    );
    expect(byDomain.body.issuer).toBe(`https://login.microsoftonline.com/${tid}/v2.0`);
    expect(byDomain.body.token_endpoint).toBe(`${emulator.url}/${tid}/oauth2/v2.0/token`);

    const common = await getJson("/common/.well-known/openid-configuration");
    expect(common.body.issuer).toBe("https://login.microsoftonline.com/{tenantid}/v2.0");
    expect(common.body.authorization_endpoint).toBe(`${emulator.url}/common/oauth2/v2.0/authorize`);
  });

  it("follows issuerBase changes made through the control API", async () => {
    await fetch(`${emulator.url}/_emulator/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ issuerBase: emulator.url }),
    });
    const { body } = await getJson(`/${tid}/v2.0/.well-known/openid-configuration`);
    expect(body.issuer).toBe(`${emulator.url}/${tid}/v2.0`);
    await fetch(`${emulator.url}/_emulator/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ issuerBase: "https://login.microsoftonline.com" }),
    });
  });

  it("answers an unknown tenant with invalid_tenant (AADSTS90002)", async () => {
    const { res, body } = await getJson(
      "/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration",
    );
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
  });

  it("serves the signing key as JWKS with kid, use, alg and issuer, at both key paths", async () => {
    const { body } = await getJson(`/${tid}/discovery/v2.0/keys`);
    const keys = body.keys as Record<string, unknown>[];
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: "RSA",
      use: "sig",
      alg: "RS256",
      kid: emulator.state.keys.kid,
      issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
    });
    expect(keys[0]?.d).toBeUndefined();
    const v1 = await getJson(`/${tid}/discovery/keys`);
    expect((v1.body.keys as { kid: string }[])[0]?.kid).toBe(emulator.state.keys.kid);
  });

  it("answers instance discovery for the host MSAL asks about", async () => {
    const endpoint = encodeURIComponent(
      `https://login.emulator.invalid/${tid}/oauth2/v2.0/authorize`,
    );
    const { body } = await getJson(
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`,
    );
    expect(body).toMatchObject({
      tenant_discovery_endpoint: `${emulator.url}/common/v2.0/.well-known/openid-configuration`,
      metadata: [
        { preferred_network: "login.emulator.invalid", aliases: ["login.emulator.invalid"] },
      ],
    });
  });
});
