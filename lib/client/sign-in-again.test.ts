import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BrowserAuthError,
  BrowserAuthErrorCodes,
  type IPublicClientApplication,
  InteractionRequiredAuthError,
  type RedirectRequest,
} from "@azure/msal-browser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApiFetchContext, apiFetch } from "./api-fetch";
import { SIGN_IN_LOOP_WINDOW_MS } from "./sign-in-loop-guard";

const CLAIMS = '{"access_token":{"capolids":{"essential":true,"values":["mfa"]}}}';

let server: Server;
let base = "";

beforeAll(async () => {
  // Every call answers the API's re-sign-in challenge, as when the on-behalf-of exchange needs MFA.
  server = createServer((_req, res) => {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: { code: "interaction_required", message: "Sign in again.", claims: CLAIMS },
      }),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

/** A stand-in MSAL that records redirects and fails silent renewal as told. */
function fakeMsal(silent: () => Promise<{ accessToken: string }>) {
  const redirects: RedirectRequest[] = [];
  const msal = {
    getActiveAccount: () => ({ homeAccountId: "a" }),
    acquireTokenSilent: silent,
    acquireTokenRedirect: async (request: RedirectRequest) => {
      redirects.push(request);
      // MSAL's own guard: a second interactive request while one runs is refused.
      if (redirects.length > 1) {
        throw new BrowserAuthError(BrowserAuthErrorCodes.interactionInProgress, "c1");
      }
      await new Promise((done) => setTimeout(done, 20));
    },
  } as unknown as IPublicClientApplication;
  const context: ApiFetchContext = { msal, scopes: ["api://x/access_as_user"] };
  return { context, redirects };
}

const call = (context: ApiFetchContext) =>
  apiFetch(context, `${base}/api/seats`).catch((error: unknown) => error);

// Each test is a fresh tab: its own session storage (Node has none), its own clock.
beforeEach(() => {
  const tab = new Map<string, string>();
  vi.stubGlobal("sessionStorage", {
    getItem: (key: string) => tab.get(key) ?? null,
    setItem: (key: string, value: string) => void tab.set(key, value),
  });
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("signing in again", () => {
  it("starts one redirect for many calls whose silent renewal fails together, and none sees MSAL's raw error", async () => {
    const { context, redirects } = fakeMsal(async () => {
      throw new InteractionRequiredAuthError("interaction_required", "c1");
    });
    const errors = await Promise.all([call(context), call(context), call(context)]);
    expect(redirects).toHaveLength(1);
    for (const error of errors) {
      expect(error).toMatchObject({ code: "interaction_required", status: 401 });
      expect((error as Error).message).toContain("Taking you to the sign-in page");
    }
    // A call made while the page is leaving does not try again either.
    await call(context);
    expect(redirects).toHaveLength(1);
  });

  it("passes the API's claims challenge to the interactive request", async () => {
    const { context, redirects } = fakeMsal(async () => ({ accessToken: "t0ken" }));
    const errors = await Promise.all([call(context), call(context)]);
    expect(redirects).toEqual([
      expect.objectContaining({ scopes: ["api://x/access_as_user"], claims: CLAIMS }),
    ]);
    expect(errors[1]).toMatchObject({ code: "interaction_required" });
  });

  it("turns MSAL's other failures into a plain typed error", async () => {
    const { context, redirects } = fakeMsal(async () => {
      throw new BrowserAuthError(BrowserAuthErrorCodes.noNetworkConnectivity, "c1");
    });
    expect(await call(context)).toMatchObject({ code: "unauthorized", status: 401 });
    expect(redirects).toHaveLength(0);
  });

  it("does not send the admin back to Entra within a minute of the last trip, and says why", async () => {
    const challenged = async () => {
      throw new InteractionRequiredAuthError("interaction_required", "c1");
    };
    const first = fakeMsal(challenged);
    expect(await call(first.context)).toMatchObject({ code: "interaction_required" });
    expect(first.redirects).toHaveLength(1);

    // Back from Entra (a new page, a new MSAL), and Entra asks again at once.
    vi.setSystemTime(Date.now() + SIGN_IN_LOOP_WINDOW_MS - 1_000);
    const back = fakeMsal(challenged);
    const refused = await call(back.context);
    expect(back.redirects).toHaveLength(0);
    expect(refused).toMatchObject({ code: "unauthorized", status: 401 });
    expect((refused as Error).message).toContain("stopped instead of sending you round again");

    // A minute on, a new challenge is a new reason to sign in.
    vi.setSystemTime(Date.now() + 2_000);
    const later = fakeMsal(challenged);
    expect(await call(later.context)).toMatchObject({ code: "interaction_required" });
    expect(later.redirects).toHaveLength(1);
  });
});
