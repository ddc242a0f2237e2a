import { z } from "zod";
import { route } from "../http/router";
import type { Route } from "../http/types";
import { identityFaultsSchema } from "../identity/faults";
import { mintToken } from "../identity/mint";
import { describeTenant } from "../identity/tenant-description";
import { controlError, orEmptyObject, withBody } from "./reply";

const mintSchema = z
  .object({
    kind: z.enum(["api", "api-app", "graph", "graph-app"]),
    user: z.string().min(1).optional(),
    clientId: z.string().min(1).optional(),
    claims: z.record(z.string(), z.unknown()).optional(),
    removeClaims: z.array(z.string()).optional(),
    alg: z.enum(["RS256", "none"]).optional(),
    key: z.enum(["tenant", "foreign"]).optional(),
    kid: z.string().min(1).optional(),
    expiresInSeconds: z.number().int().optional(),
    notBeforeInSeconds: z.number().int().optional(),
  })
  .strict();

const permissionList = z.array(
  z.string().regex(/^[A-Za-z-]+(\.[A-Za-z-]+)+$/, "a Graph permission"),
);

const appPermissionsSchema = z
  .object({
    graphDelegatedPermissions: permissionList.optional(),
    graphApplicationPermissions: permissionList.optional(),
  })
  .strict()
  .refine(
    (b) => b.graphDelegatedPermissions !== undefined || b.graphApplicationPermissions !== undefined,
    "give graphDelegatedPermissions, graphApplicationPermissions or both",
  );

/** Control API for identity: the tenant's public description, token minting, key rotation and identity faults. */
export const identityControlRoutes: Route[] = [
  route("GET", "/_emulator/tenant", (_req, state) => ({
    status: 200,
    body: describeTenant(state),
  })),
  route(
    "POST",
    "/_emulator/tokens",
    withBody(orEmptyObject(mintSchema), async (request, _req, state) => {
      const minted = await mintToken(state, request);
      if ("problem" in minted) return controlError(404, "not_found", minted.problem);
      return { status: 200, body: minted };
    }),
  ),
  // Consent granted or taken back: tokens issued from now on carry the app's new Graph permissions.
  route(
    "PATCH",
    "/_emulator/apps/:appId",
    withBody(appPermissionsSchema, (change, req, state) => {
      const app = state.tenant.apps.find(
        (a) => a.appId.toLowerCase() === req.params["appId"]?.toLowerCase(),
      );
      if (!app)
        return controlError(404, "not_found", `No app registration '${req.params["appId"]}'.`);
      app.graphDelegatedPermissions =
        change.graphDelegatedPermissions ?? app.graphDelegatedPermissions;
      app.graphApplicationPermissions =
        change.graphApplicationPermissions ?? app.graphApplicationPermissions;
      const { appId, graphDelegatedPermissions, graphApplicationPermissions } = app;
      return {
        status: 200,
        body: { appId, graphDelegatedPermissions, graphApplicationPermissions },
      };
    }),
  ),
  route("POST", "/_emulator/identity/keys/rotate", async (_req, state) => ({
    status: 200,
    body: await state.keys.rotate(),
  })),
  route("GET", "/_emulator/identity/faults", (_req, state) => ({
    status: 200,
    body: state.identity.activeFaults(),
  })),
  route(
    "POST",
    "/_emulator/identity/faults",
    withBody(orEmptyObject(identityFaultsSchema), (faults, _req, state) => {
      state.identity.setFaults(faults);
      return { status: 200, body: state.identity.activeFaults() };
    }),
  ),
  route("DELETE", "/_emulator/identity/faults", (_req, state) => {
    state.identity.clearFaults();
    return { status: 204 };
  }),
];
