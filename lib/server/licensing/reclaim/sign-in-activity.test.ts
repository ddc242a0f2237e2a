import { describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/api/error-codes";
import type { GraphClient } from "../../graph/client";
import { GraphRequestError } from "../../graph/errors";
import { lastSignInOf, readSignInActivity } from "./sign-in-activity";

const SKU = "f8a1db68-be16-40ed-86d5-cb42ce701560";

/** A Graph client whose every list fails as Graph would have, with this status and code. */
const failingGraph = (status: number, code: ErrorCode) =>
  ({
    listAll: () =>
      Promise.reject(
        new GraphRequestError(
          code,
          `Graph answered ${status}`,
          {},
          { status, code: "Authorization_RequestDenied", requestId: undefined },
        ),
      ),
  }) as unknown as GraphClient;

describe("readSignInActivity", () => {
  it("asks Graph for the product's holders with their sign-in activity", async () => {
    const asked: { path: string }[] = [];
    const graph = {
      listAll: (request: { path: string }) => {
        asked.push(request);
        return Promise.resolve([{ id: "u1", signInActivity: null }]);
      },
    } as unknown as GraphClient;
    expect(await readSignInActivity(graph, SKU)).toEqual({
      status: "read",
      holders: [{ id: "u1", signInActivity: null }],
    });
    expect(decodeURIComponent(asked[0]!.path)).toMatch(
      new RegExp(`assignedLicenses/any\\(x:x/skuId eq ${SKU}\\).*signInActivity`),
    );
  });

  it("turns Graph's 403 into the permission that would show sign-in activity", async () => {
    expect(await readSignInActivity(failingGraph(403, "forbidden"), SKU)).toEqual({
      status: "unavailable",
      missing: [{ permission: "AuditLog.Read.All", enables: "accounts with no recent sign-in" }],
    });
  });

  it.each([
    [400, "bad_request"],
    [404, "not_found"],
    [429, "throttled"],
    [503, "upstream_error"],
  ] as const)("lets Graph's %i (%s) through as the error it is", async (status, code) => {
    await expect(readSignInActivity(failingGraph(status, code), SKU)).rejects.toMatchObject({
      code,
      graph: { status },
    });
  });
});

describe("lastSignInOf", () => {
  const holder = (signInActivity: Record<string, string | null> | null | undefined) => ({
    id: "u1",
    signInActivity,
  });

  it("is null when Graph recorded no sign-in (left out, null, or all its dates null)", () => {
    expect(lastSignInOf(holder(undefined))).toBeNull();
    expect(lastSignInOf(holder(null))).toBeNull();
    expect(
      lastSignInOf(
        holder({
          lastSignInDateTime: null,
          lastNonInteractiveSignInDateTime: null,
          lastSuccessfulSignInDateTime: null,
        }),
      ),
    ).toBeNull();
  });

  it("takes the latest sign-in, interactive or not", () => {
    expect(
      lastSignInOf(
        holder({
          lastSignInDateTime: "2026-01-05T10:00:00Z",
          lastNonInteractiveSignInDateTime: "2026-03-01T08:30:00Z",
          lastSuccessfulSignInDateTime: "2026-01-05T10:00:00Z",
        }),
      ),
    ).toBe("2026-03-01T08:30:00Z");
    expect(lastSignInOf(holder({ lastSignInDateTime: "2025-12-24T18:00:00Z" }))).toBe(
      "2025-12-24T18:00:00Z",
    );
  });
});
