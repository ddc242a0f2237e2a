import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";
import { EMULATOR_URL } from "./urls";

/** The CSP as directive → sources. */
function policyOf(response: APIResponse): Map<string, string[]> {
  const header = response.headers()["content-security-policy"] ?? "";
  return new Map(
    header
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([directive = "", ...sources]) => [directive, sources]),
  );
}

const nonceOf = (policy: Map<string, string[]>) =>
  policy
    .get("script-src")
    ?.find((source) => source.startsWith("'nonce-"))
    ?.slice("'nonce-".length, -1);

function expectEverywhereHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
}

test("the dashboard answers with a nonce CSP, no framing and the other browser security headers", async ({
  request,
}) => {
  const dashboard = await request.get("/");
  expect(dashboard.status()).toBe(200);
  expectEverywhereHeaders(dashboard);
  expect(dashboard.headers()["x-frame-options"]).toBe("DENY");

  const policy = policyOf(dashboard);
  const scripts = policy.get("script-src") ?? [];
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  // MSAL talks to the identity platform (here the emulator) by fetch and in its renewal iframe.
  expect(policy.get("connect-src")).toEqual(["'self'", EMULATOR_URL]);
  expect(policy.get("frame-src")).toEqual(["'self'", EMULATOR_URL]);
  expect(policy.has("upgrade-insecure-requests")).toBe(false);

  const nonce = nonceOf(policy);
  expect(nonce, "a nonce in script-src").toMatch(/^[A-Za-z0-9+/]{22,}={0,2}$/);
  const html = await dashboard.text();
  const scriptTags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);

  const again = nonceOf(policyOf(await request.get("/")));
  expect(again, "a fresh nonce for every request").not.toBe(nonce);
});

test("the sign-in bridge may be framed by the app alone, for MSAL's silent renewal", async ({
  request,
}) => {
  const bridge = await request.get("/redirect");
  expect(bridge.status()).toBe(200);
  expectEverywhereHeaders(bridge);
  expect(bridge.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  expect(policyOf(bridge).get("frame-ancestors")).toEqual(["'self'"]);
});

test("the API's JSON answers, errors included, carry nosniff, no framing and a CSP that loads nothing", async ({
  request,
}) => {
  for (const answer of [
    await request.get("/api/me"),
    await request.post("/api/jobs", { data: {} }),
    await request.get("/api/no-such-route"),
  ]) {
    expectEverywhereHeaders(answer);
    expect(answer.headers()["x-frame-options"]).toBe("DENY");
    const policy = policyOf(answer);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  }
  const me = await request.get("/api/me");
  expect(me.status()).toBe(401);
  expect(me.headers()["content-type"]).toContain("application/json");
});

test("behind a proxy that terminates https, pages and the API add HSTS and upgrade requests", async ({
  request,
}) => {
  const https = { "x-forwarded-proto": "https" };
  const dashboard = await request.get("/", { headers: https });
  expect(dashboard.headers()["strict-transport-security"]).toMatch(
    /^max-age=(\d{8,}); includeSubDomains$/,
  );
  expect(policyOf(dashboard).has("upgrade-insecure-requests")).toBe(true);
  const api = await request.get("/api/me", { headers: https });
  expect(api.headers()["strict-transport-security"]).toMatch(/^max-age=\d{8,}/);
});

test("the built scripts and styles are served with nosniff", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const asset = /(?:src|href)="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset, "the page loads a built script").toBeDefined();
  const answer = await request.get(asset ?? "");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["x-content-type-options"]).toBe("nosniff");
});
