import { z } from "zod";

export const authModeSchema = z.enum(["emulator", "entra"]);

export type AuthMode = z.infer<typeof authModeSchema>;

/** `GET /api/me`: who the bearer token says the caller is. */
export const getMeResponseSchema = z.object({
  name: z.string(),
  userPrincipalName: z.string(),
  oid: z.string(),
  /** App roles of the Licensedesk API assigned to the user, e.g. `Licensedesk.Operator`. */
  roles: z.array(z.string()),
  /** Friendly names of the directory roles in the token's `wids`, e.g. `License Administrator`. */
  directoryRoles: z.array(z.string()),
  mode: authModeSchema,
});

export type GetMeResponse = z.infer<typeof getMeResponseSchema>;
