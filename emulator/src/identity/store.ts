import { randomBytes, randomUUID } from "node:crypto";
import type { AuthorizeRequest } from "./authorize-request";
import type { FaultPoint, IdentityFaults } from "./faults";

/** A browser's sign-in session on the emulator origin (the ESTSAUTH cookie's value is `id`). */
export interface Session {
  id: string;
  /** Public session GUID: `session_state` on redirects and `sid` in id tokens. */
  state: string;
  userId: string;
  authTime: number;
}

/** An authorize request waiting for the user to sign in; the form carries only its id. */
export interface PendingSignIn {
  id: string;
  request: AuthorizeRequest;
  expiresAt: number;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  codeChallenge: string;
  nonce?: string;
  sessionState: string;
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  clientId: string;
  userId: string;
  scope: string;
  sessionState?: string;
  issuedAt: number;
  expiresAt: number;
}

const CODE_LIFETIME_MS = 10 * 60_000;
const PENDING_LIFETIME_MS = 30 * 60_000;
/** Expired codes and tokens are remembered a day longer so errors can say "expired", not "unknown". */
const FORGET_AFTER_MS = 24 * 3600_000;

const opaque = (prefix: string, bytes: number) =>
  `${prefix}${randomBytes(bytes).toString("base64url")}`;

function prune<T extends { expiresAt: number }>(map: Map<string, T>, cutoff: number): void {
  for (const [key, value] of map) if (value.expiresAt <= cutoff) map.delete(key);
}

/** Sign-in sessions, pending sign-ins, authorization codes, refresh tokens and identity faults. */
export class IdentityStore {
  private readonly sessions = new Map<string, Session>();
  private readonly pending = new Map<string, PendingSignIn>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private faults: IdentityFaults = {};

  reset(): void {
    this.sessions.clear();
    this.pending.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.faults = {};
  }

  createSession(userId: string, now = Date.now()): Session {
    const session = { id: opaque("", 32), state: randomUUID(), userId, authTime: now };
    this.sessions.set(session.id, session);
    return session;
  }

  session(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  endSession(id: string): void {
    this.sessions.delete(id);
  }

  savePending(request: AuthorizeRequest, now = Date.now()): PendingSignIn {
    prune(this.pending, now);
    const pending = { id: opaque("", 24), request, expiresAt: now + PENDING_LIFETIME_MS };
    this.pending.set(pending.id, pending);
    return pending;
  }

  pendingSignIn(id: string, now = Date.now()): PendingSignIn | undefined {
    const pending = this.pending.get(id);
    return pending && pending.expiresAt > now ? pending : undefined;
  }

  finishPending(id: string): void {
    this.pending.delete(id);
  }

  issueCode(
    grant: Omit<AuthorizationCode, "code" | "expiresAt" | "redeemed">,
    now = Date.now(),
  ): AuthorizationCode {
    prune(this.codes, now - FORGET_AFTER_MS);
    const code = {
      ...grant,
      code: opaque("1.", 96),
      expiresAt: now + CODE_LIFETIME_MS,
      redeemed: false,
    };
    this.codes.set(code.code, code);
    return code;
  }

  /** The code as issued; redeemed codes stay known until they expire so reuse can be told apart. */
  code(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  issueRefreshToken(
    grant: Omit<RefreshTokenRecord, "token" | "issuedAt" | "expiresAt">,
    lifetimeSeconds: number,
    now = Date.now(),
  ): RefreshTokenRecord {
    prune(this.refreshTokens, now - FORGET_AFTER_MS);
    const record = {
      ...grant,
      token: opaque("1.A", 160),
      issuedAt: now,
      expiresAt: now + lifetimeSeconds * 1000,
    };
    this.refreshTokens.set(record.token, record);
    return record;
  }

  refreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.get(token);
  }

  setFaults(faults: IdentityFaults): void {
    this.faults = { ...this.faults, ...faults };
  }

  clearFaults(): void {
    this.faults = {};
  }

  activeFaults(): IdentityFaults {
    return structuredClone(this.faults);
  }

  /** The fault armed at this point, if any, using up one of its `times`. */
  takeFault<P extends FaultPoint>(point: P): IdentityFaults[P] {
    const fault = this.faults[point];
    if (!fault || fault.untilCleared) return fault;
    const times = fault.times ?? 1;
    if (times <= 1) delete this.faults[point];
    else this.faults[point] = { ...fault, times: times - 1 };
    return fault;
  }
}
