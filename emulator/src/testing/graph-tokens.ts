import type { EmulatorState } from "../state";
import { DIRECTORY_ROLES, GRAPH_RESOURCE } from "../tenant/model";
import type { SignOptions } from "../identity/keys";

export const TEST_APP_ID = "5a1e7c3b-9d2f-4b6a-8e1c-7f3d2b9a6c40";
export const TEST_USER_OID = "0b2c4d6e-8f0a-4c1e-9a3b-5d7f9e1a3c5e";

export interface GraphTokenOptions extends SignOptions {
  /** Delegated (scp, a user) or app-only (roles). */
  kind?: "delegated" | "app";
  /** Graph permissions: scp for delegated tokens, roles for app-only ones. */
  permissions?: string[];
  /** Directory role names, as `wids`. */
  roles?: (keyof typeof DIRECTORY_ROLES)[];
  aud?: string;
  iss?: string;
  tid?: string;
  appId?: string;
  /** Seconds from now; negative for a token that has already expired. */
  expiresIn?: number;
  /** Seconds from now until the token becomes valid. */
  notBefore?: number;
}

/** Signs a Graph access token shaped like Entra's v1 Graph tokens, for Graph tests without a sign-in. */
export async function graphToken(
  state: EmulatorState,
  options: GraphTokenOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const tid = options.tid ?? state.tenant.id;
  const kind = options.kind ?? "app";
  const permissions = options.permissions ?? [
    "User.ReadWrite.All",
    "GroupMember.Read.All",
    "Organization.Read.All",
  ];
  const common = {
    aud: options.aud ?? GRAPH_RESOURCE,
    iss: options.iss ?? `https://sts.windows.net/${tid}/`,
    tid,
    appid: options.appId ?? TEST_APP_ID,
    iat: now,
    nbf: now + (options.notBefore ?? 0),
    exp: now + (options.expiresIn ?? 3600),
    ver: "1.0",
  };
  const claims =
    kind === "app"
      ? { ...common, roles: permissions, idtyp: "app", oid: TEST_APP_ID }
      : {
          ...common,
          scp: permissions.join(" "),
          oid: TEST_USER_OID,
          upn: `admin@${state.tenant.defaultDomain}`,
          name: "Test Admin",
          wids: (options.roles ?? []).map((r) => DIRECTORY_ROLES[r]),
        };
  return state.keys.sign(claims, options);
}
