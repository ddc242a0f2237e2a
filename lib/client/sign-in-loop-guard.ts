// Entra can ask for sign-in again right after a successful one (a Conditional Access policy the
// sign-in cannot satisfy, an on-behalf-of exchange that keeps failing): remember when this tab last
// left for it, so the page stops and explains instead of bouncing between Entra and Licensedesk.
const KEY = "licensedesk.signInAgainAt";

/** A second request for interactive sign-in this soon after the last one is refused. */
export const SIGN_IN_LOOP_WINDOW_MS = 60_000;

/** Whether this tab left for interactive sign-in within the last minute. */
export function signedInAgainRecently(now = Date.now()): boolean {
  const last = Number(sessionStorage.getItem(KEY));
  return last > 0 && now - last < SIGN_IN_LOOP_WINDOW_MS;
}

export function noteSignInAgain(now = Date.now()): void {
  sessionStorage.setItem(KEY, String(now));
}
