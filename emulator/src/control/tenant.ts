import { z, ZodError } from "zod";
import { route } from "../http/router";
import type { Handler, Reply, Route } from "../http/types";
import {
  describeGroup,
  describeSku,
  describeState,
  describeUserLicensing,
} from "../licensing/summary";
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
import type { Tenant } from "../tenant/model";
import { controlError, invalidControlBody } from "./reply";

const licenseSchema = z
  .object({ sku: z.string().min(1), disabledPlans: z.array(z.string().min(1)).default([]) })
  .strict();

const resetSchema = z.object({ to: z.enum(["last", "demo"]).default("last") }).strict();

const generateSchema = z
  .object({
    users: z.number().int().min(10).max(100_000),
    groups: z.number().int().min(3).max(10_000),
    usersInError: z.number().int().nonnegative(),
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

const membersSchema = z
  .object({
    add: z.array(z.string().min(1)).default([]),
    remove: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((m) => m.add.length + m.remove.length > 0, "add or remove at least one member");

const groupLicensesSchema = z.object({ licenses: z.array(licenseSchema) }).strict();

/** How to rebuild the tenant that `POST /_emulator/reset` returns to (the demo until seeded). */
const lastSeed = new WeakMap<EmulatorState, () => Tenant>();

function install(state: EmulatorState, rebuild: () => Tenant, built = rebuild()): Reply {
  state.replaceTenant(built);
  lastSeed.set(state, rebuild);
  return { status: 200, body: describeState(state) };
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

const notFound = (what: string, key: string) =>
  controlError(404, "not_found", `No ${what} '${key}' in this tenant.`);

/** Control API for the directory: reset, seed, generate, state, and fixes that change causes only. */
export const tenantControlRoutes: Route[] = [
  route(
    "POST",
    "/_emulator/reset",
    guarded((req, state) => {
      const parsed = resetSchema.safeParse(req.body ?? {});
      if (!parsed.success) return invalidControlBody(parsed.error);
      const rebuild = parsed.data.to === "last" ? lastSeed.get(state) : undefined;
      return install(state, rebuild ?? buildDemoTenant);
    }),
  ),
  route(
    "POST",
    "/_emulator/seed",
    guarded((req, state) => {
      const parsed = tenantDescriptionSchema.safeParse(req.body);
      if (!parsed.success) return invalidControlBody(parsed.error);
      const description = parsed.data;
      return install(state, () => buildTenantFrom(description));
    }),
  ),
  route(
    "POST",
    "/_emulator/generate",
    guarded((req, state) => {
      const parsed = generateSchema.safeParse(req.body);
      if (!parsed.success) return invalidControlBody(parsed.error);
      return install(state, () => generateTenant(parsed.data));
    }),
  ),
  route("GET", "/_emulator/state", (_req, state) => ({ status: 200, body: describeState(state) })),
  route(
    "POST",
    "/_emulator/skus/:sku/seats",
    guarded((req, state) => {
      const sku = findSkuByKey(state.tenant, req.params["sku"] ?? "");
      if (!sku) return notFound("subscription", req.params["sku"] ?? "");
      const parsed = seatsSchema.safeParse(req.body);
      if (!parsed.success) return invalidControlBody(parsed.error);
      changeSeats(sku, parsed.data);
      return { status: 200, body: describeSku(state.tenant, sku) };
    }),
  ),
  route("GET", "/_emulator/users/:user", (req, state) => {
    const user = findUserByKey(state.tenant, req.params["user"] ?? "");
    if (!user) return notFound("user", req.params["user"] ?? "");
    return { status: 200, body: describeUserLicensing(state.tenant, user) };
  }),
  route(
    "PATCH",
    "/_emulator/users/:user",
    guarded((req, state) => {
      const user = findUserByKey(state.tenant, req.params["user"] ?? "");
      if (!user) return notFound("user", req.params["user"] ?? "");
      const parsed = userFixSchema.safeParse(req.body);
      if (!parsed.success) return invalidControlBody(parsed.error);
      fixUser(state.tenant, user, parsed.data);
      return { status: 200, body: describeUserLicensing(state.tenant, user) };
    }),
  ),
  route(
    "POST",
    "/_emulator/groups/:group/members",
    guarded((req, state) => {
      const group = findGroupByKey(state.tenant, req.params["group"] ?? "");
      if (!group) return notFound("group", req.params["group"] ?? "");
      const parsed = membersSchema.safeParse(req.body);
      if (!parsed.success) return invalidControlBody(parsed.error);
      const keys = [...parsed.data.add, ...parsed.data.remove];
      const missing = keys.find((key) => !findUserByKey(state.tenant, key));
      if (missing !== undefined) return notFound("user", missing);
      const users = (list: string[]) =>
        list.flatMap((key) => findUserByKey(state.tenant, key) ?? []);
      changeMembers(state.tenant, group, users(parsed.data.add), users(parsed.data.remove));
      return { status: 200, body: describeGroup(state.tenant, group) };
    }),
  ),
  route(
    "PUT",
    "/_emulator/groups/:group/licenses",
    guarded((req, state) => {
      const group = findGroupByKey(state.tenant, req.params["group"] ?? "");
      if (!group) return notFound("group", req.params["group"] ?? "");
      const parsed = groupLicensesSchema.safeParse(req.body);
      if (!parsed.success) return invalidControlBody(parsed.error);
      changeGroupLicenses(state.tenant, group, parsed.data.licenses);
      return { status: 200, body: describeGroup(state.tenant, group) };
    }),
  ),
];
