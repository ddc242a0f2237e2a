import "server-only";
import {
  createLocalJWKSet,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
} from "jose";

/** No key to check the token with, because the identity platform's key endpoint is failing. */
export class SigningKeysUnavailableError extends Error {
  override name = "SigningKeysUnavailableError";
}

export interface SigningKeyTimings {
  /** How long one fetch of the key set may take. */
  timeoutMs: number;
  /** Keys older than this are fetched again; they keep serving while the endpoint fails. */
  maxAgeMs: number;
  /** After a failed fetch, no fetch for this long: requests answer at once instead of each waiting. */
  failureCooldownMs: number;
  /** A kid the keys do not list fetches again only when they are this old (rotation, not a fetch per forged kid). */
  unknownKidCooldownMs: number;
}

const DEFAULT_TIMINGS: SigningKeyTimings = {
  timeoutMs: 5_000,
  maxAgeMs: 10 * 60_000,
  failureCooldownMs: 10_000,
  unknownKidCooldownMs: 30_000,
};

/** Whether `at` lies `ms` or more in the past; a clock set back counts as long ago, so nothing sticks. */
function olderThan(at: number, ms: number): boolean {
  const elapsed = Date.now() - at;
  return elapsed < 0 || elapsed >= ms;
}

interface FetchedKeys {
  getKey: ReturnType<typeof createLocalJWKSet>;
  kids: Set<string>;
  fetchedAt: number;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "the request timed out";
  if (error instanceof SyntaxError) return "the answer is not JSON";
  if (!(error instanceof Error)) return String(error);
  // fetch says only "fetch failed"; the cause names the refused or dropped connection.
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

async function fetchKeySet(jwksUri: string, timeoutMs: number): Promise<FetchedKeys> {
  const res = await fetch(jwksUri, {
    headers: { accept: "application/json" },
    cache: "no-store",
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`the endpoint answered HTTP ${res.status}`);
  const jwks = (await res.json()) as JSONWebKeySet;
  // createLocalJWKSet checks the shape; an empty set would turn every token away as unknown.
  const getKey = createLocalJWKSet(jwks);
  if (jwks.keys.length === 0) throw new Error("the key set lists no key");
  return {
    getKey,
    kids: new Set(jwks.keys.flatMap((key) => (typeof key.kid === "string" ? [key.kid] : []))),
    fetchedAt: Date.now(),
  };
}

/**
 * The identity platform's signing keys for `jwtVerify`, fetched and cached here rather than by jose:
 * the last keys fetched keep verifying through an outage, a failing endpoint is asked again only
 * after a cool-down, and an unknown kid (a rotation) fetches again at a limited rate.
 */
export function createSigningKeySet(jwksUri: string, timings: Partial<SigningKeyTimings> = {}) {
  const { timeoutMs, maxAgeMs, failureCooldownMs, unknownKidCooldownMs } = {
    ...DEFAULT_TIMINGS,
    ...timings,
  };
  let keys: FetchedKeys | undefined;
  let failedAt = -Infinity;
  let inFlight: Promise<boolean> | undefined;

  const coolingDown = () => !olderThan(failedAt, failureCooldownMs);

  /** One fetch at a time; true when fresh keys are in hand. */
  function refresh(): Promise<boolean> {
    inFlight ??= (async () => {
      try {
        keys = await fetchKeySet(jwksUri, timeoutMs);
        failedAt = -Infinity;
        return true;
      } catch (error) {
        failedAt = Date.now();
        const kept = keys
          ? `keeping the keys fetched at ${new Date(keys.fetchedAt).toISOString()}`
          : "no keys cached";
        console.warn(
          `[auth] the signing keys at ${jwksUri} could not be fetched (${describeFailure(error)}); ${kept}.`,
        );
        return false;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  const unavailable = () =>
    new SigningKeysUnavailableError(
      "The identity platform's signing keys are unavailable, so the access token cannot be checked. Try again shortly.",
    );

  return async function getKey(header: JWSHeaderParameters, token: FlattenedJWSInput) {
    if (!keys) {
      if (coolingDown() || !(await refresh()) || !keys) throw unavailable();
    } else if (olderThan(keys.fetchedAt, maxAgeMs) && !coolingDown()) {
      // Awaited, so a key the tenant withdrew stops verifying; if the fetch fails the old keys serve.
      await refresh();
    }
    if (typeof header.kid === "string" && !keys.kids.has(header.kid)) {
      // A key we cannot fetch may be the new one: that is the service's problem, not the caller's.
      if (coolingDown()) throw unavailable();
      const fetched =
        inFlight ?? (olderThan(keys.fetchedAt, unknownKidCooldownMs) ? refresh() : undefined);
      if (fetched && !(await fetched)) throw unavailable();
    }
    return keys.getKey(header, token);
  };
}
