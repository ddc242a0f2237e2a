import { z, ZodError } from "zod";
import { COUNTRY_CODES } from "../graph/countries";
import { route } from "../http/router";
import type { Handler, Reply, Route } from "../http/types";
import {
  describeGroup,
  describeSku,
  describeState,
  describeUserLicensing,
} from "../licensing/summary";
import { processNow } from "../licensing/reprocess";
import { buildTenantFrom } from "../seed/build";
import { buildDemoTenant } from "../seed/demo";
import { SeedError } from "../seed/errors";
import { generateTenant } from "../seed/generate";
import { tenantDescriptionSchema } from "../seed/schema";
import type { EmulatorState } from "../state";
import {
  changeGroupLicenses,
  changeMembers,
  changeSeats,
  findGroupByKey,
  findSkuByKey,
  findUserByKey,
  fixUser,
} from "../tenant/directory";
import { addJoiner } from "../tenant/joiner";
import type { Group, Sku, Tenant, User } from "../tenant/model";
import { controlError, ifValidBody, invalidControlBody, orEmptyObject, withBody } from "./reply";

const licenseSchema = z
  .object({ sku: z.string().min(1), disabledPlans: z.array(z.string().min(1)).default([]) })
  .strict();

const resetSchema = orEmptyObject(
  z
    .object({
      to: z.enum(["last", "demo"]).default("last"),
      /** Also the settings (`/_emulator/config`) back to their defaults and the request log emptied. */
      everything: z.boolean().default(false),
    })
    .strict(),
);

const generateSchema = z
  .object({
    users: z.number().int().min(10).max(100_000),
    groups: z.number().int().min(3).max(10_000),
    usersInError: z.number().int().nonnegative(),
    directErrors: z.number().int().nonnegative().default(0),
    duplicateHolders: z
      .object({
        groups: z.number().int().nonnegative().optional(),
        contacts: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
    seed: z.number().int(),
  })
  .strict();

const seatsSchema = z
  .object({ add: z.number().int().optional(), enabled: z.number().int().nonnegative().optional() })
  .strict()
  .refine((b) => (b.add === undefined) !== (b.enabled === undefined), "give either add or enabled");

const userFixSchema = z
  .object({
    usageLocation: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be a two-letter ISO 3166 code")
      .transform((s) => s.toUpperCase())
      .nullable()
      .optional(),
    proxyAddresses: z.array(z.string().min(1)).optional(),
    blockedForOtherReason: z.boolean().optional(),
    directLicenses: z.array(licenseSchema).optional(),
  })
  .strict()
  .refine((fix) => Object.keys(fix).length > 0, "name at least one property to change");

/** When processing happens; Graph shows whole seconds, so fractions are dropped. Now when absent. */
const processedAtSchema = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-02T08:00:00Z" })
  .transform((at) => new Date(at))
  .optional();

const membersSchema = z
  .object({
    add: z.array(z.string().min(1)).default([]),
    remove: z.array(z.string().min(1)).default([]),
    at: processedAtSchema,
  })
  .strict()
  .refine((m) => m.add.length + m.remove.length > 0, "add or remove at least one member");

const newUserSchema = z
  .object({
    displayName: z.string().trim().min(1),
    userPrincipalName: z
      .string()
      .regex(/^[^@\s]+@[^@\s]+$/, "must look like name@domain")
      .optional(),
    usageLocation: z
      .string()
      .transform((s) => s.toUpperCase())
      .refine((code) => COUNTRY_CODES.has(code), "must be an ISO 3166 country code, e.g. US")
      .nullable()
      .default(null),
    groups: z.array(z.string().min(1)).default([]),
    accountEnabled: z.boolean().default(true),
    at: processedAtSchema,
  })
  .strict();

const processSchema = orEmptyObject(z.object({ at: processedAtSchema }).strict());

const groupLicensesSchema = z.object({ licenses: z.array(licenseSchema) }).strict();

/** How to rebuild the tenant that `POST /_emulator/reset` returns to (the demo until seeded). */
const lastSeed = new WeakMap<EmulatorState, () => Tenant>();

function install(state: EmulatorState, rebuild: () => Tenant): Reply {
  state.replaceTenant(rebuild());
  lastSeed.set(state, rebuild);
  return { status: 200, body: describeState(state) };
}

/** The tenant as it was seeded (or the demo), with sessions, faults, limits and latency cleared. */
function reset(body: z.infer<typeof resetSchema>, state: EmulatorState): Reply {
  const rebuild = (body.to === "last" ? lastSeed.get(state) : undefined) ?? buildDemoTenant;
  if (body.everything) {
    state.resetConfig();
    state.log.clear();
  }
  return install(state, rebuild);
}

/** Seed problems (unknown sku, group, role...) are the caller's mistake: 400, never 500. */
const guarded =
  (handler: Handler): Handler =>
  async (req, state) => {
    try {
      return await handler(req, state);
    } catch (error) {
      if (error instanceof SeedError) return controlError(400, "invalid_request", error.message);
      if (error instanceof ZodError) return invalidControlBody(error);
      throw error;
    }
  };

/** A route that replaces the whole tenant with what the body describes. */
const installRoute = <T>(
  pattern: string,
  schema: z.ZodType<T>,
  rebuild: (body: T, state: EmulatorState) => () => Tenant,
): Route =>
  route(
    "POST",
    pattern,
    guarded(withBody(schema, (body, _req, state) => install(state, rebuild(body, state)))),
  );

/** A directory object the control API names by id or name, and its summary. */
interface Target<T> {
  param: string;
  what: string;
  find(tenant: Tenant, key: string): T | undefined;
  describe(tenant: Tenant, found: T): unknown;
}

const SKU: Target<Sku> = {
  param: "sku",
  what: "subscription",
  find: findSkuByKey,
  describe: describeSku,
};
const USER: Target<User> = {
  param: "user",
  what: "user",
  find: findUserByKey,
  describe: describeUserLicensing,
};
const GROUP: Target<Group> = {
  param: "group",
  what: "group",
  find: findGroupByKey,
  describe: describeGroup,
};

const notFound = (what: string, key: string) =>
  controlError(404, "not_found", `No ${what} '${key}' in this tenant.`);

/**
 * A route on one directory object: 404 when the key names none, then (with a fix) 400 for a body
 * the schema refuses, the change (which may answer instead), and the object's summary.
 */
function targetRoute<T, B>(
  method: string,
  pattern: string,
  target: Target<T>,
  fix?: {
    schema: z.ZodType<B>;
    apply: (tenant: Tenant, found: T, body: B, state: EmulatorState) => Reply | void;
  },
): Route {
  return route(
    method,
    pattern,
    guarded((req, state) => {
      const key = req.params[target.param] ?? "";
      const found = target.find(state.tenant, key);
      if (!found) return notFound(target.what, key);
      const summary = () => ({ status: 200, body: target.describe(state.tenant, found) });
      if (!fix) return summary();
      return ifValidBody(
        fix.schema,
        req.body,
        (body) => fix.apply(state.tenant, found, body, state) ?? summary(),
      );
    }),
  );
}

/** Control API for the directory: reset, seed, generate, state, and fixes that change causes only. */
export const tenantControlRoutes: Route[] = [
  route(
    "POST",
    "/_emulator/reset",
    guarded(withBody(resetSchema, (body, _req, state) => reset(body, state))),
  ),
  installRoute(
    "/_emulator/seed",
    tenantDescriptionSchema,
    (description) => () => buildTenantFrom(description),
  ),
  installRoute("/_emulator/generate", generateSchema, (options) => () => generateTenant(options)),
  route("GET", "/_emulator/state", (_req, state) => ({ status: 200, body: describeState(state) })),
  route(
    "POST",
    "/_emulator/users",
    guarded(
      withBody(newUserSchema, ({ at, ...joiner }, _req, { tenant }) => ({
        status: 201,
        body: describeUserLicensing(tenant, addJoiner(tenant, joiner, at ?? new Date())),
      })),
    ),
  ),
  targetRoute("POST", "/_emulator/skus/:sku/seats", SKU, {
    schema: seatsSchema,
    apply: (_tenant, sku, change) => changeSeats(sku, change),
  }),
  targetRoute("GET", "/_emulator/users/:user", USER),
  targetRoute("PATCH", "/_emulator/users/:user", USER, { schema: userFixSchema, apply: fixUser }),
  targetRoute("POST", "/_emulator/users/:user/process", USER, {
    schema: processSchema,
    apply: (_tenant, user, { at }, state) => processNow(state, user, at ?? new Date()),
  }),
  targetRoute("POST", "/_emulator/groups/:group/members", GROUP, {
    schema: membersSchema,
    apply: (tenant, group, { add, remove, at }) => {
      const missing = [...add, ...remove].find((key) => !findUserByKey(tenant, key));
      if (missing !== undefined) return notFound("user", missing);
      const users = (keys: string[]) => keys.flatMap((key) => findUserByKey(tenant, key) ?? []);
      changeMembers(tenant, group, users(add), users(remove), at);
    },
  }),
  targetRoute("PUT", "/_emulator/groups/:group/licenses", GROUP, {
    schema: groupLicensesSchema,
    apply: (tenant, group, body) => changeGroupLicenses(tenant, group, body.licenses),
  }),
];
