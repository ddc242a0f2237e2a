import { z } from "zod";

export const authModeSchema = z.enum(["emulator", "entra"]);

export type AuthMode = z.infer<typeof authModeSchema>;

/** Whose rights Graph calls run with: the signed-in admin's (on-behalf-of) or the API app's own. */
export const graphModeSchema = z.enum(["delegated", "app-only"]);

export type GraphMode = z.infer<typeof graphModeSchema>;

/** `GET /api/me`: who the bearer token says the caller is, and what they may do. */
export const getMeResponseSchema = z.object({
  name: z.string(),
  userPrincipalName: z.string(),
  oid: z.string(),
  /** App roles of the Licensedesk API assigned to the user, e.g. `Licensedesk.Operator`. */
  roles: z.array(z.string()),
  /** Friendly names of the directory roles in the token's `wids`, e.g. `License Administrator`. */
  directoryRoles: z.array(z.string()),
  mode: authModeSchema,
  /** May see the grid and seats (reader or operator); every other route answers 403 otherwise. */
  canRead: z.boolean(),
  /** May reprocess and set usage locations (operator). */
  canReprocess: z.boolean(),
  graphMode: graphModeSchema,
});

export type GetMeResponse = z.infer<typeof getMeResponseSchema>;
