import type { EmulatorRequest, Reply } from "../http/types";
import type { EmulatorState } from "../state";
import type { User } from "../tenant/model";
import { aad, errorTrace, type AadError } from "./errors";

/** One token request: the parsed form and where it came from. */
export interface TokenRequest {
  req: EmulatorRequest;
  state: EmulatorState;
  form: Record<string, string>;
}

export type GrantHandler = (t: TokenRequest) => Promise<Reply | AadError> | Reply | AadError;

/** The token endpoint reads form bodies only, as Entra does; anything else has no parameters. */
export function tokenForm(req: EmulatorRequest): Record<string, string> {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (!type.includes("application/x-www-form-urlencoded")) return {};
  return Object.fromEntries(new URLSearchParams(req.rawBody));
}

/** A successful token response with Entra's headers. */
export function tokenReply(
  t: TokenRequest,
  body: Record<string, unknown>,
  caller: { appId: string; userId?: string },
): Reply {
  const trace = errorTrace(t.req);
  return {
    status: 200,
    headers: {
      "cache-control": "no-store, no-cache",
      pragma: "no-cache",
      "x-ms-request-id": trace.traceId,
      "client-request-id": trace.correlationId,
    },
    body,
    caller,
  };
}

/** The user a grant names, if they may still get tokens. */
export function signInUser(t: TokenRequest, userId: string): User | AadError {
  const user = t.state.tenant.users.find((u) => u.id === userId);
  if (!user) return aad.userNotFound(userId, t.state.tenant.defaultDomain);
  if (!user.accountEnabled) return aad.userDisabled();
  return user;
}
