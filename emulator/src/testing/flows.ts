import { beforeAll } from "vitest";
import type { RunningEmulator } from "../server";
import { FakeBrowser, pendingId, pkcePair, redirectParams } from "./browser";
import { callEmulator } from "./http";

export const DEMO_PASSWORD = "Demo-Pass-2026!";
export const SPA_ORIGIN = "http://localhost:3000";
export const SPA_REDIRECT = `${SPA_ORIGIN}/redirect`;

/** The demo tenant's ids and secrets, read through the control API as any test would. */
export interface DemoTenant {
  tenantId: string;
  spaId: string;
  apiId: string;
  apiSecret: string;
  daemonId: string;
  daemonSecret: string;
  apiScope: string;
}

async function demoTenant(emulator: RunningEmulator): Promise<DemoTenant> {
  const { body } = await callEmulator(emulator, "/_emulator/tenant");
  return {
    tenantId: body.tenantId,
    spaId: body.apps.spa.clientId,
    apiId: body.apps.api.clientId,
    apiSecret: body.apps.api.clientSecret,
    daemonId: body.apps.daemon.clientId,
    daemonSecret: body.apps.daemon.clientSecret,
    apiScope: body.apps.api.scope,
  };
}

/** The demo tenant's ids, filled in once the file's emulator is up; read it inside tests. */
export function demoTenantPerFile(emulator: RunningEmulator): DemoTenant {
  const tenant = {} as DemoTenant;
  beforeAll(async () => {
    Object.assign(tenant, await demoTenant(emulator));
  });
  return tenant;
}

export interface AuthorizeOptions {
  tenant: DemoTenant;
  scope?: string;
  prompt?: string;
  loginHint?: string;
  responseMode?: string;
  challenge?: string;
  nonce?: string;
  state?: string;
}

/** The authorize URL the SPA would send the browser to (what MSAL builds). */
export function authorizePath(o: AuthorizeOptions): string {
  const params = new URLSearchParams({
    client_id: o.tenant.spaId,
    scope: o.scope ?? `${o.tenant.apiScope} openid profile offline_access`,
    redirect_uri: SPA_REDIRECT,
    response_mode: o.responseMode ?? "fragment",
    response_type: "code",
    client_info: "1",
    nonce: o.nonce ?? "nonce-1",
    state: o.state ?? "state-1",
    code_challenge: o.challenge ?? pkcePair().challenge,
    code_challenge_method: "S256",
  });
  if (o.prompt) params.set("prompt", o.prompt);
  if (o.loginHint) params.set("login_hint", o.loginHint);
  return `/${o.tenant.tenantId}/oauth2/v2.0/authorize?${params}`;
}

export interface SignedIn {
  code: string;
  verifier: string;
  params: URLSearchParams;
}

/** Opens authorize, fills the sign-in form and returns what the redirect carried. */
export async function signInWithPassword(
  browser: FakeBrowser,
  tenant: DemoTenant,
  username: string,
  options: Omit<AuthorizeOptions, "tenant" | "challenge"> = {},
): Promise<SignedIn> {
  const { verifier, challenge } = pkcePair();
  const page = await browser.request(authorizePath({ ...options, tenant, challenge }));
  const form = { ctx: pendingId(await page.text()), login: username, passwd: DEMO_PASSWORD };
  const res = await browser.request(`/${tenant.tenantId}/login`, { form });
  if (res.status !== 302) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const params = redirectParams(res.headers.get("location"));
  const code = params.get("code");
  if (!code) throw new Error(`no code in ${res.headers.get("location")}`);
  return { code, verifier, params };
}

/** Calls the token endpoint as the SPA does: a cross-origin form POST. */
export async function postToken(
  emulator: RunningEmulator,
  tenant: DemoTenant,
  form: Record<string, string>,
  headers: Record<string, string> = { origin: SPA_ORIGIN },
): Promise<{ status: number; body: Record<string, unknown> }> {
  return callEmulator(emulator, `/${tenant.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

/** Redeems a code as the SPA: public client, PKCE verifier, Origin header. */
export function redeemCode(
  emulator: RunningEmulator,
  tenant: DemoTenant,
  signedIn: SignedIn,
  extra: Record<string, string> = {},
) {
  return postToken(emulator, tenant, {
    client_id: tenant.spaId,
    grant_type: "authorization_code",
    code: signedIn.code,
    code_verifier: signedIn.verifier,
    redirect_uri: SPA_REDIRECT,
    scope: `${tenant.apiScope} openid profile offline_access`,
    client_info: "1",
    ...extra,
  });
}

/** A real API access token for a user, through the whole browser flow. */
export async function apiTokenFor(emulator: RunningEmulator, tenant: DemoTenant, username: string) {
  const signedIn = await signInWithPassword(new FakeBrowser(emulator.url), tenant, username);
  const { status, body } = await redeemCode(emulator, tenant, signedIn);
  if (status !== 200) throw new Error(`redeem answered ${status}: ${JSON.stringify(body)}`);
  return body as {
    access_token: string;
    refresh_token: string;
    id_token: string;
    client_info: string;
  };
}
