// Test tooling for app/api/fault-matrix-*.test.ts: the surfaces a person uses, the faults, and what a truthful end is.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect } from "vitest";
import { errorCodes } from "@/lib/api/error-codes";
import { type ApiErrorDetail, apiErrorBodySchema } from "@/lib/api/errors";
import {
  type LicenseErrorsStreamEvent,
  licenseErrorsStreamEventSchema,
} from "@/lib/api/license-errors";
import { reprocessResultSchema, type ReprocessResult } from "@/lib/api/reprocess";
import { getSeatsResponseSchema } from "@/lib/api/seats";
import { ApiClientError } from "@/lib/client/api-fetch";
import { apiRequest, readNdjson, segments, type TestEmulator } from "@/lib/server/testing/emulator";
import {
  EVERY_CAUSE_FIXED,
  type EmulatorState,
  type EmulatorUser,
} from "@/lib/testing/emulator-control";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { listFailureTitle } from "@/app/(app)/(home)/_components/users-in-error/list-status";
import { GET as getLicenseErrors } from "./license-errors/route";
import { GET as getSeats } from "./seats/route";
import { POST as reprocess } from "./users/[id]/reprocess/route";
import { POST as setUsageLocation } from "./users/[id]/usage-location/route";

/** How a surface ended: complete, or an error in the one shape (for the list, maybe after some rows). */
export type SurfaceEnd =
  | { complete: true; body: unknown }
  | { complete: false; status: number; error: ApiErrorDetail; partial: boolean; rows: number };

/** One thing a person does that calls Graph, and the call of it that faults are aimed at. */
export interface Surface {
  name: string;
  /** The Graph request (method and path glob) whose failure ends the surface. */
  target: (t: TestEmulator) => Promise<{ method: string; path: string }>;
  /** Runs it once with a fresh token (so no cached Graph token hides an identity fault). */
  run: (t: TestEmulator) => Promise<SurfaceEnd>;
  /** The answer agrees with the emulator's state and request log: nothing claimed that did not happen. */
  checkTruth: (t: TestEmulator, end: SurfaceEnd, since: number) => Promise<void>;
  /** The heading the UI shows above the failure. */
  failureTitle: (end: Extract<SurfaceEnd, { complete: false }>) => string;
  /** What its target's write means for a malformed answer: a write's answer is not read, so it completes. */
  readsTargetBody: boolean;
  /** Its target is read after its answer has started (the list's stream): a failure there is partial. */
  targetMidStream?: boolean;
  /** Settings the app runs this surface with. */
  env?: Record<string, string>;
}

const freshToken = (t: TestEmulator) => t.mint({ claims: { uti: crypto.randomUUID() } });

async function failureOf(res: Response): Promise<SurfaceEnd> {
  const { error } = apiErrorBodySchema.parse(await res.json());
  expect(res.status, "the status is the one the error table gives its code").toBe(
    errorCodes[error.code],
  );
  if (error.retryAfterSeconds !== undefined) {
    expect(res.headers.get("retry-after")).toBe(String(Math.ceil(error.retryAfterSeconds)));
  }
  return { complete: false, status: res.status, error, partial: false, rows: 0 };
}

const userIdsInError = async (t: TestEmulator) =>
  new Set((await t.client.state()).usersInError.map((u) => u.id));

/** The list, read past the server's cache; a failure after the stream started is its error event. */
const list: Surface = {
  name: "users-in-error list",
  readsTargetBody: true,
  targetMidStream: true,
  // v1.0's way, where Graph's failures show (the beta API's fall back: read-ways.test.ts).
  env: { LICENSE_ERRORS_READ: "directory" },
  // The directory's pages: the stream has started (it said how it reads) when they fail.
  target: async () => ({ method: "GET", path: "*v1.0/users" }),
  async run(t) {
    const res = await getLicenseErrors(
      apiRequest("/api/license-errors?refresh=1", await freshToken(t)),
    );
    if (!res.ok) return failureOf(res);
    const events = (await readNdjson<LicenseErrorsStreamEvent>(res)).map((e) =>
      licenseErrorsStreamEventSchema.parse(e),
    );
    const rows = events.flatMap((e) => (e.type === "rows" ? e.rows : []));
    const last = events.at(-1);
    if (last?.type === "done") return { complete: true, body: rows };
    expect(last?.type, "a stream ends with done or an error event, never just stops").toBe("error");
    if (last?.type !== "error") throw new Error("unreachable");
    return { complete: false, status: 200, error: last.error, partial: true, rows: rows.length };
  },
  async checkTruth(t, end) {
    const inError = await userIdsInError(t);
    if (end.complete) {
      const ids = (end.body as { id: string }[]).map((r) => r.id);
      expect(new Set(ids)).toEqual(inError);
      return;
    }
    if (end.partial) {
      expect(end.error.message).toMatch(/^The list of users in error is incomplete: /);
      expect(end.rows).toBeLessThanOrEqual(inError.size);
    }
  },
  failureTitle: (end) => listFailureTitle({ pending: false, failed: true, rows: end.rows }),
};

/** Seats per product with the users in error on each, from the scan. */
const seats: Surface = {
  name: "seats",
  readsTargetBody: true,
  // The scan's first read: the seats' counts cannot be had without it.
  target: async () => ({ method: "GET", path: "*/groups" }),
  async run(t) {
    const res = await getSeats(apiRequest("/api/seats", await freshToken(t)));
    return res.ok ? { complete: true, body: await res.json() } : failureOf(res);
  },
  async checkTruth(t, end) {
    if (!end.complete) return;
    const { products } = getSeatsResponseSchema.parse(end.body);
    const state = await t.client.state();
    for (const product of products) {
      const waiting = state.usersInError.filter((u) =>
        u.failing.some((f) => f.skuId.toLowerCase() === product.skuId.toLowerCase()),
      );
      expect(product.usersInError, product.skuPartNumber).toBe(waiting.length);
    }
  },
  failureTitle: () => "Seats could not be read",
};

const REPROCESS_TITLE = "The reprocess did not run to completion";

async function reprocessOnce(t: TestEmulator, userId: string): Promise<SurfaceEnd> {
  const res = await reprocess(
    apiRequest(`/api/users/${userId}/reprocess`, await freshToken(t), { method: "POST" }),
    segments({ id: userId }),
  );
  return res.ok ? { complete: true, body: await res.json() } : failureOf(res);
}

/** Whether Graph took a write of this user since `since`, by the emulator's request log. */
async function written(t: TestEmulator, since: number, method: string, path: string) {
  const calls = await t.client.requests({ since, path, method });
  return calls.some((call) => call.status >= 200 && call.status < 300);
}

/**
 * A reprocess that fails says what it wrote: "was sent" only when Graph took the reprocess, and when
 * Graph took it, the message says so or that it cannot tell. A success is never claimed unverified.
 */
async function checkReprocessTruth(
  t: TestEmulator,
  end: SurfaceEnd,
  since: number,
  user: EmulatorUser,
) {
  const now = await t.client.user(user.id);
  const failing = now.licenseAssignmentStates.filter((s) => s.error !== "None");
  if (end.complete) {
    const result: ReprocessResult = reprocessResultSchema.parse(end.body);
    expect(result.outcome.kind).toBe(failing.length === 0 ? "resolved" : "still_in_error");
    return;
  }
  // Graph applied a reprocess: the user, in error with every cause fixed, is resolved, or the log shows it.
  const tookIt =
    failing.length === 0 ||
    (await written(t, since, "POST", `/users/${user.id}/reprocessLicenseAssignment`));
  const { message } = end.error;
  if (/reprocess was sent/.test(message)) expect(tookIt, message).toBe(true);
  if (tookIt && end.error.code !== "interaction_required") {
    expect(message, "Graph took the reprocess, so the answer must say so").toMatch(
      /reprocess was sent|whether it was applied is unknown/,
    );
  }
}

/** A user in error whose causes are fixed in the emulator: a reprocess that runs resolves them. */
async function fixedUser(t: TestEmulator, state: EmulatorState): Promise<EmulatorUser> {
  const user = state.usersInError.find((u) => u.failing.length > 0);
  if (!user) throw new Error("the demo tenant has nobody in error");
  return t.client.patchUser(user.id, EVERY_CAUSE_FIXED);
}

/** `POST /api/users/{id}/reprocess`, faults aimed at the reprocess request itself. */
function reprocessSurface(
  name: string,
  target: (user: EmulatorUser) => { method: string; path: string },
  readsTargetBody: boolean,
): Surface {
  let user: EmulatorUser | undefined;
  return {
    name,
    readsTargetBody,
    async target(t) {
      user = await fixedUser(t, await t.client.state());
      return target(user);
    },
    run: (t) => reprocessOnce(t, user!.id),
    checkTruth: (t, end, since) => checkReprocessTruth(t, end, since, user!),
    failureTitle: () => REPROCESS_TITLE,
  };
}

/** The write: faults hit `reprocessLicenseAssignment`. */
const reprocessWrite = reprocessSurface(
  "reprocess, the write",
  (user) => ({ method: "POST", path: `/users/${user.id}/reprocessLicenseAssignment` }),
  false,
);

/** After the write: the subscriptions read that names the outcome fails once Graph took the reprocess. */
const reprocessReadBack = reprocessSurface(
  "reprocess, reading the result back",
  () => ({ method: "GET", path: "*/subscribedSkus" }),
  true,
);

/** `POST /api/users/{id}/usage-location`: faults hit the usage-location change (PATCH, answered 204). */
function usageLocationSurface(): Surface {
  let user: EmulatorState["usersInError"][number] | undefined;
  return {
    name: "usage-location fix",
    readsTargetBody: false,
    async target(t) {
      const state = await t.client.state();
      user = state.usersInError.find(
        (u) =>
          u.usageLocation !== "US" &&
          u.failing.length > 0 &&
          u.failing.every((f) => f.error === "ProhibitedInUsageLocationViolation"),
      );
      if (!user) throw new Error("the demo tenant has nobody held only by the usage location");
      return { method: "PATCH", path: `/users/${user.id}` };
    },
    async run(t) {
      const res = await setUsageLocation(
        apiRequest(`/api/users/${user!.id}/usage-location`, await freshToken(t), {
          method: "POST",
          body: JSON.stringify({ usageLocation: "US" }),
        }),
        segments({ id: user!.id }),
      );
      return res.ok ? { complete: true, body: await res.json() } : failureOf(res);
    },
    async checkTruth(t, end, since) {
      const now = await t.client.user(user!.id);
      if (end.complete) {
        expect(now.usageLocation).toBe("US");
      } else {
        const { message } = end.error;
        if (/usage location was set to US/.test(message)) expect(now.usageLocation).toBe("US");
        if (now.usageLocation === "US" && end.error.code !== "interaction_required") {
          expect(message, "the location changed, so the answer must say so").toMatch(
            /usage location was set to US|whether it was made is unknown/,
          );
        }
      }
      await checkReprocessTruth(t, end, since, now);
    },
    failureTitle: () => REPROCESS_TITLE,
  };
}

export const SURFACES = {
  list,
  seats,
  reprocessWrite,
  reprocessReadBack,
  usageLocation: usageLocationSurface(),
} satisfies Record<string, Surface>;

/**
 * What the person sees: the message component the page uses, rendered, says the title and the
 * server's message (Graph's own throttling note is said by the component's lead-in instead).
 */
export function renderedFailure(surface: Surface, end: Extract<SurfaceEnd, { complete: false }>) {
  const { code, message, retryAfterSeconds, claims } = end.error;
  const error = new ApiClientError(code, end.status, message, retryAfterSeconds, claims);
  const title = surface.failureTitle(end);
  const html = renderToStaticMarkup(createElement(ActionErrorMessage, { error, what: title }));
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  if (code === "interaction_required") {
    expect(text).toContain("Signing you in again");
  } else {
    expect(text).toContain(title);
  }
  const plainThrottle = code === "throttled" && message.startsWith("Microsoft Graph");
  expect(text).toContain(plainThrottle ? "Microsoft Graph is throttling requests" : message);
  if (retryAfterSeconds !== undefined) expect(text).toMatch(/Try again in \d+ s\./);
  return text;
}
