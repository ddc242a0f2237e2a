import type { EmulatorRequest } from "../http/types";
import type { EmulatorState } from "../state";
import type { User } from "../tenant/model";
import type { Session } from "./store";

/** Entra's session cookie name; the value is the server-side session id. */
const COOKIE = "ESTSAUTH";
const ATTRIBUTES = "Path=/; HttpOnly; SameSite=Lax";

function cookieValue(req: EmulatorRequest, name: string): string | undefined {
  for (const part of (req.headers["cookie"] ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

export interface ActiveSession {
  session: Session;
  user: User;
}

/** The browser's live session, if its cookie names one whose user can still sign in. */
export function currentSession(
  req: EmulatorRequest,
  state: EmulatorState,
): ActiveSession | undefined {
  const id = cookieValue(req, COOKIE);
  const session = id ? state.identity.session(id) : undefined;
  if (!session) return undefined;
  const user = state.tenant.users.find((u) => u.id === session.userId);
  return user?.accountEnabled ? { session, user } : undefined;
}

export const sessionCookie = (session: Session): string => `${COOKIE}=${session.id}; ${ATTRIBUTES}`;

export const clearedSessionCookie = `${COOKIE}=; ${ATTRIBUTES}; Max-Age=0`;

/** Ends the browser's session server-side; the caller clears the cookie. */
export function endCurrentSession(req: EmulatorRequest, state: EmulatorState): void {
  const id = cookieValue(req, COOKIE);
  if (id) state.identity.endSession(id);
}
