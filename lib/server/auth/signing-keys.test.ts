import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loggedLines } from "@/lib/testing/console-capture";
import { getAuthSettings } from "../auth-config";
import { ApiError } from "../http/api-error";
import { startTestEmulator, type TestEmulator } from "../testing/emulator";
import {
  type AccessTokenClaims,
  createAccessTokenVerifier,
  type TokenExpectations,
  tokenExpectations,
} from "./verify-access-token";

const FAILURE_COOLDOWN_MS = 10_000;
const UNKNOWN_KID_COOLDOWN_MS = 30_000;
const MAX_AGE_MS = 10 * 60_000;

let t: TestEmulator;
let expected: TokenExpectations;

beforeAll(async () => {
  t = await startTestEmulator();
  expected = tokenExpectations(await getAuthSettings());
});
afterAll(() => t.close());

// Only Date is faked, so the cool-downs can be crossed without waiting; HTTP and time-outs stay real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(async () => {
  vi.useRealTimers();
  await t.client.clearIdentityFaults();
});

const later = (ms: number) => vi.setSystemTime(Date.now() + ms);
const failKeys = (fault: Record<string, unknown>) =>
  t.control("POST", "/_emulator/identity/faults", { jwks: { untilCleared: true, ...fault } });
const rotateKey = () => t.control("POST", "/_emulator/identity/keys/rotate");

/** How many times the key endpoint was asked since `seq`. */
async function keyFetchesSince(seq: number): Promise<number> {
  return (await t.client.requests({ since: seq, path: "/discovery/v2.0/keys" })).length;
}

async function outcome(
  verify: (token: string) => Promise<AccessTokenClaims>,
  token: string,
): Promise<string> {
  try {
    await verify(token);
    return "verified";
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return `${error.status} ${error.message}`;
  }
}

const UNAVAILABLE =
  "503 The identity platform's signing keys are unavailable, so the access token cannot be checked. Try again shortly.";
const UNKNOWN_KEY = "401 The access token was signed with a key the tenant does not publish.";

describe("the API's signing keys", () => {
  it.each([
    ["answers 503", { status: 503 }, "the endpoint answered HTTP 503"],
    ["answers 500", { status: 500 }, "the endpoint answered HTTP 500"],
    ["answers keys that are not JSON", { malformed: true }, "the answer is not JSON"],
    ["drops the connection", { drop: true }, "fetch failed"],
    ["answers after the time-out", { latencyMs: 2_000 }, "the request timed out"],
  ])(
    "answer 503 with a clear message, not 401, when the key endpoint %s",
    async (_, fault, reason) => {
      await failKeys(fault);
      const verify = createAccessTokenVerifier(expected, { timeoutMs: 500 });
      expect(await outcome(verify, await t.mint())).toBe(UNAVAILABLE);
      expect(loggedLines(/\[auth\]/)).toEqual([
        `[auth] the signing keys at ${expected.jwksUri} could not be fetched (${reason}${reason === "fetch failed" ? ": other side closed" : ""}); no keys cached.`,
      ]);
    },
  );

  it("ask a failing endpoint once per cool-down, not once per request, and recover by themselves", async () => {
    await failKeys({ status: 503 });
    const verify = createAccessTokenVerifier(expected);
    const token = await t.mint();
    const seq = await t.lastSeq();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => outcome(verify, token)));
    expect(outcomes).toEqual(Array(5).fill(UNAVAILABLE));
    expect(await outcome(verify, token)).toBe(UNAVAILABLE);
    expect(await keyFetchesSince(seq)).toBe(1);

    await t.client.clearIdentityFaults();
    // Inside the cool-down the endpoint is not asked, even though it is back.
    expect(await outcome(verify, token)).toBe(UNAVAILABLE);
    expect(await keyFetchesSince(seq)).toBe(1);
    later(FAILURE_COOLDOWN_MS);
    expect(await outcome(verify, token)).toBe("verified");
    expect(await keyFetchesSince(seq)).toBe(2);
  });

  it("do not stay in the cool-down when the clock is set back", async () => {
    await failKeys({ status: 503 });
    const verify = createAccessTokenVerifier(expected);
    // Valid an hour before now too, so only the keys decide.
    const token = await t.mint({ notBeforeInSeconds: -7200 });
    expect(await outcome(verify, token)).toBe(UNAVAILABLE);
    await t.client.clearIdentityFaults();
    later(-3600_000);
    expect(await outcome(verify, token)).toBe("verified");
  });

  it("keep verifying tokens signed with known keys through an outage, past the cache's age", async () => {
    const verify = createAccessTokenVerifier(expected);
    expect(await outcome(verify, await t.mint())).toBe("verified");
    await failKeys({ status: 503 });
    const seq = await t.lastSeq();
    later(MAX_AGE_MS + 1);
    // The old keys serve once the fetch for fresh ones has failed.
    expect(await outcome(verify, await t.mint())).toBe("verified");
    for (let i = 0; i < 3; i++) expect(await outcome(verify, await t.mint())).toBe("verified");
    expect(await keyFetchesSince(seq)).toBe(1);
    expect(loggedLines(/\[auth\]/)).toEqual([
      expect.stringMatching(
        /\(the endpoint answered HTTP 503\); keeping the keys fetched at \S+Z\.$/,
      ),
    ]);
    later(FAILURE_COOLDOWN_MS);
    expect(await outcome(verify, await t.mint())).toBe("verified");
    expect(await keyFetchesSince(seq)).toBe(2);
  });

  it("stop verifying a withdrawn key once the keys are older than their age", async () => {
    const verify = createAccessTokenVerifier(expected);
    const withdrawn = await t.mint();
    expect(await outcome(verify, withdrawn)).toBe("verified");
    await rotateKey();
    later(MAX_AGE_MS + 1);
    expect(await outcome(verify, withdrawn)).toBe(UNKNOWN_KEY);
  });

  it("pick up a rotated key without restart: an unknown kid fetches again, at most once per cool-down", async () => {
    const verify = createAccessTokenVerifier(expected);
    const oldToken = await t.mint();
    expect(await outcome(verify, oldToken)).toBe("verified");
    await rotateKey();
    const newToken = await t.mint();
    const seq = await t.lastSeq();
    // Right after a fetch, an unknown kid is not worth another: forged kids cannot drive fetches.
    expect(await outcome(verify, newToken)).toBe(UNKNOWN_KEY);
    expect(await keyFetchesSince(seq)).toBe(0);
    later(UNKNOWN_KID_COOLDOWN_MS);
    expect(await outcome(verify, newToken)).toBe("verified");
    expect(await outcome(verify, oldToken)).toBe(UNKNOWN_KEY);
    expect(await keyFetchesSince(seq)).toBe(1);
    const forged = await t.mint({ kid: "never-published" });
    for (let i = 0; i < 3; i++) expect(await outcome(verify, forged)).toBe(UNKNOWN_KEY);
    expect(await keyFetchesSince(seq)).toBe(1);
  });

  it("answer 503 to a token signed with a key they cannot fetch during an outage", async () => {
    const verify = createAccessTokenVerifier(expected);
    expect(await outcome(verify, await t.mint())).toBe("verified");
    await rotateKey();
    await failKeys({ status: 502 });
    later(UNKNOWN_KID_COOLDOWN_MS);
    const rotated = await t.mint();
    expect(await outcome(verify, rotated)).toBe(UNAVAILABLE);
    await t.client.clearIdentityFaults();
    later(FAILURE_COOLDOWN_MS);
    expect(await outcome(verify, rotated)).toBe("verified");
  });
});
