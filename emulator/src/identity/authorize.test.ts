import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { FakeBrowser, pendingId, pkcePair, redirectParams } from "../testing/browser";
import {
  authorizePath,
  DEMO_PASSWORD,
  demoTenantPerFile,
  redeemCode,
  signInWithPassword,
  SPA_REDIRECT,
} from "../testing/flows";

const emulator = emulatorPerFile();
const tenant = demoTenantPerFile(emulator);
const ADELE = "adele.vance@contoso.onmicrosoft.com";

describe("sign-in page", () => {
  it("offers labelled username and password fields, a Sign in button and the demo accounts", async () => {
    const browser = new FakeBrowser(emulator.url);
    const res = await browser.request(authorizePath({ tenant }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toMatch(/<label for="login">Username<\/label>/);
    expect(html).toMatch(/<label for="passwd">Password<\/label>/);
    expect(html).toMatch(/<button class="primary" type="submit">Sign in<\/button>/);
    expect(html).toContain(`value="${ADELE}"`);
    expect(html).toContain("License Administrator");
    // Self-contained: nothing loaded from elsewhere.
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it("picking a demo account pre-fills its username", async () => {
    const browser = new FakeBrowser(emulator.url);
    const ctx = pendingId(await (await browser.request(authorizePath({ tenant }))).text());
    const res = await browser.request(`/${tenant.tenantId}/login`, { form: { ctx, pick: ADELE } });
    const html = await res.text();
    expect(html).toMatch(new RegExp(`id="login"[^>]*value="${ADELE}"`));
    expect(html).toMatch(/id="passwd"[^>]*autofocus/);
  });

  it("a wrong password shows the page again with AADSTS50126 and sets no session", async () => {
    const browser = new FakeBrowser(emulator.url);
    const ctx = pendingId(await (await browser.request(authorizePath({ tenant }))).text());
    const res = await browser.request(`/${tenant.tenantId}/login`, {
      form: { ctx, login: ADELE, passwd: "wrong" },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("AADSTS50126");
    expect(browser.hasCookie("ESTSAUTH")).toBe(false);
  });

  it("a sign-in with the right password is what the user's signInActivity shows; a wrong one leaves it", async () => {
    const adele = () => emulator.state.tenant.users.find((u) => u.userPrincipalName === ADELE)!;
    adele().lastSignInDateTime = null;
    const browser = new FakeBrowser(emulator.url);
    const ctx = pendingId(await (await browser.request(authorizePath({ tenant }))).text());
    await browser.request(`/${tenant.tenantId}/login`, {
      form: { ctx, login: ADELE, passwd: "wrong" },
    });
    expect(adele().lastSignInDateTime).toBeNull();
    const before = Date.now() - 1000;
    await signInWithPassword(new FakeBrowser(emulator.url), tenant, ADELE);
    expect(Date.parse(adele().lastSignInDateTime ?? "")).toBeGreaterThanOrEqual(before);
    expect(adele().lastSignInDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("an unknown user gets AADSTS50034", async () => {
    const browser = new FakeBrowser(emulator.url);
    const ctx = pendingId(await (await browser.request(authorizePath({ tenant }))).text());
    const res = await browser.request(`/${tenant.tenantId}/login`, {
      form: { ctx, login: "nobody@contoso.onmicrosoft.com", passwd: DEMO_PASSWORD },
    });
    expect(await res.text()).toContain("AADSTS50034");
  });

  it("the form carries only a pending id; an unknown id cannot complete a sign-in", async () => {
    const browser = new FakeBrowser(emulator.url);
    const res = await browser.request(`/${tenant.tenantId}/login`, {
      form: {
        ctx: "forged",
        login: ADELE,
        passwd: DEMO_PASSWORD,
        redirect_uri: "https://evil.example/",
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("AADSTS9002313");
  });
});

describe("authorize response", () => {
  it("redirects with code, client_info, state and session_state in the fragment, and the id token carries the nonce", async () => {
    const browser = new FakeBrowser(emulator.url);
    const signedIn = await signInWithPassword(browser, tenant, ADELE, {
      nonce: "n-42",
      state: "s-42",
    });
    expect(signedIn.params.get("state")).toBe("s-42");
    expect(signedIn.params.get("session_state")).toMatch(/^[0-9a-f-]{36}$/);
    const user = emulator.state.tenant.users.find((u) => u.userPrincipalName === ADELE);
    const clientInfo = JSON.parse(
      Buffer.from(signedIn.params.get("client_info") ?? "", "base64url").toString(),
    );
    expect(clientInfo).toEqual({ uid: user?.id, utid: tenant.tenantId });
    expect(browser.hasCookie("ESTSAUTH")).toBe(true);

    const { status, body } = await redeemCode(emulator, tenant, signedIn);
    expect(status).toBe(200);
    const idToken = decodeJwt(String(body.id_token));
    expect(idToken).toMatchObject({
      nonce: "n-42",
      aud: tenant.spaId,
      oid: user?.id,
      preferred_username: ADELE,
    });
    expect(idToken.sid).toBe(signedIn.params.get("session_state"));
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const browser = new FakeBrowser(emulator.url);
    const { challenge } = pkcePair();
    const ctx = pendingId(
      await (await browser.request(authorizePath({ tenant, challenge }))).text(),
    );
    const res = await browser.request(`/${tenant.tenantId}/login`, {
      form: { ctx, login: ADELE, passwd: DEMO_PASSWORD },
    });
    expect(res.headers.get("set-cookie")).toMatch(
      /^ESTSAUTH=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/,
    );
  });

  it("answers in the query or as a form post when response_mode asks", async () => {
    const query = await signInWithPassword(new FakeBrowser(emulator.url), tenant, ADELE, {
      responseMode: "query",
    });
    expect(query.code).toBeTruthy();

    const browser = new FakeBrowser(emulator.url);
    await signInWithPassword(browser, tenant, ADELE);
    const res = await browser.request(authorizePath({ tenant, responseMode: "form_post" }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<form method="POST" action="${SPA_REDIRECT}">`);
    expect(html).toMatch(/name="code" value="1\./);
    expect(html).toMatch(/name="state" value="state-1"/);
  });

  it("renders an error page for an unknown client (AADSTS700016) and never redirects", async () => {
    const path = authorizePath({ tenant }).replace(
      tenant.spaId,
      "00000000-0000-0000-0000-000000000001",
    );
    const res = await new FakeBrowser(emulator.url).request(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("AADSTS700016");
  });

  it("renders an error page for an unregistered redirect URI (AADSTS50011)", async () => {
    const path = authorizePath({ tenant }).replace(
      encodeURIComponent(SPA_REDIRECT),
      encodeURIComponent("http://localhost:3000/evil"),
    );
    const res = await new FakeBrowser(emulator.url).request(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("AADSTS50011");
  });

  it("sends errors after a valid redirect URI back to it, state echoed", async () => {
    const path = authorizePath({ tenant }).replace(
      "code_challenge_method=S256",
      "code_challenge_method=plain",
    );
    const res = await new FakeBrowser(emulator.url).request(path);
    expect(res.status).toBe(302);
    const params = redirectParams(res.headers.get("location"));
    expect(params.get("error")).toBe("invalid_request");
    expect(params.get("error_description")).toMatch(/^AADSTS9002325:/);
    expect(params.get("state")).toBe("state-1");
  });

  it("refuses a scope the API does not expose with AADSTS650053", async () => {
    const res = await new FakeBrowser(emulator.url).request(
      authorizePath({ tenant, scope: `api://${tenant.apiId}/nope openid` }),
    );
    expect(redirectParams(res.headers.get("location")).get("error_description")).toMatch(
      /^AADSTS650053:/,
    );
  });
});

describe("sessions and prompt", () => {
  it("prompt=none without a session returns login_required (AADSTS50058)", async () => {
    const res = await new FakeBrowser(emulator.url).request(
      authorizePath({ tenant, prompt: "none" }),
    );
    expect(res.status).toBe(302);
    const params = redirectParams(res.headers.get("location"));
    expect(params.get("error")).toBe("login_required");
    expect(params.get("error_description")).toMatch(/^AADSTS50058:/);
    expect(params.get("state")).toBe("state-1");
  });

  it("prompt=none with a session completes silently, for the hinted user only", async () => {
    const browser = new FakeBrowser(emulator.url);
    await signInWithPassword(browser, tenant, ADELE);
    const silent = await browser.request(
      authorizePath({ tenant, prompt: "none", loginHint: ADELE }),
    );
    expect(redirectParams(silent.headers.get("location")).get("code")).toBeTruthy();

    const other = await browser.request(
      authorizePath({ tenant, prompt: "none", loginHint: "lee.gu@contoso.onmicrosoft.com" }),
    );
    expect(redirectParams(other.headers.get("location")).get("error")).toBe("interaction_required");
  });

  it("a live session signs in without a page; prompt=login asks again with the hint pre-filled", async () => {
    const browser = new FakeBrowser(emulator.url);
    await signInWithPassword(browser, tenant, ADELE);
    const sso = await browser.request(authorizePath({ tenant, loginHint: ADELE }));
    expect(sso.status).toBe(302);

    const again = await browser.request(
      authorizePath({ tenant, prompt: "login", loginHint: ADELE }),
    );
    expect(again.status).toBe(200);
    expect(await again.text()).toMatch(new RegExp(`id="login"[^>]*value="${ADELE}"`));
  });

  it("logout clears the session and returns to a registered post-logout URI", async () => {
    const browser = new FakeBrowser(emulator.url);
    await signInWithPassword(browser, tenant, ADELE);
    const res = await browser.request(
      `/${tenant.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/")}`,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://localhost:3000/");
    expect(browser.hasCookie("ESTSAUTH")).toBe(false);
    const silent = await browser.request(authorizePath({ tenant, prompt: "none" }));
    expect(redirectParams(silent.headers.get("location")).get("error")).toBe("login_required");
  });

  it("logout to an unregistered URI shows the signed-out page instead", async () => {
    const res = await new FakeBrowser(emulator.url).request(
      `/${tenant.tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You signed out of your account");
  });

  it("a session cookie that the server has forgotten is no session", async () => {
    const browser = new FakeBrowser(emulator.url);
    await signInWithPassword(browser, tenant, ADELE);
    emulator.state.identity.reset();
    const silent = await browser.request(authorizePath({ tenant, prompt: "none" }));
    expect(redirectParams(silent.headers.get("location")).get("error")).toBe("login_required");
  });
});
