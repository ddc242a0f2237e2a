import { z } from "zod";
import { DIRECTORY_ROLES, type DirectoryRoleName } from "../tenant/model";

const guid = z.guid();
const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "must be a two-letter ISO 3166 code")
  .transform((s) => s.toUpperCase());
const isoDate = z.iso.datetime();
const roleNames = Object.keys(DIRECTORY_ROLES) as [DirectoryRoleName, ...DirectoryRoleName[]];

/** A product license: the sku by part number, plans switched off by name (or id). */
const licenseSchema = z
  .object({ sku: z.string().min(1), disabledPlans: z.array(z.string().min(1)).default([]) })
  .strict();

const inlinePlanSchema = z
  .object({
    servicePlanId: guid,
    servicePlanName: z.string().min(1),
    service: z.string().min(1),
    appliesTo: z.enum(["User", "Company"]).default("User"),
    conflictsWith: z.array(z.string().min(1)).default([]),
    dependsOnAnyOf: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** A product not in the built-in catalog; plans are inline or catalog plan names. */
const productSchema = z
  .object({
    skuId: guid,
    skuPartNumber: z.string().min(1),
    servicePlans: z.array(z.union([z.string().min(1), inlinePlanSchema])).min(1),
    notSoldIn: z.array(countryCode).default([]),
  })
  .strict();

const skuSchema = z
  .object({
    partNumber: z.string().min(1),
    prepaid: z.number().int().nonnegative(),
    suspended: z.number().int().nonnegative().default(0),
    warning: z.number().int().nonnegative().default(0),
    lockedOut: z.number().int().nonnegative().default(0),
    capabilityStatus: z
      .enum(["Enabled", "Warning", "Suspended", "Deleted", "LockedOut"])
      .default("Enabled"),
  })
  .strict();

const appSchema = z
  .object({
    appId: guid.optional(),
    displayName: z.string().min(1),
    kind: z.enum(["spa", "api", "daemon"]),
    redirectUris: z.array(z.url()).default([]),
    postLogoutRedirectUris: z.array(z.url()).default([]),
    secrets: z.array(z.string().min(1)).default([]),
    /** Defaults to `api://{appId}` for an API. */
    identifierUris: z.array(z.string().min(1)).optional(),
    scopes: z.array(z.string().min(1)).default([]),
    appRoles: z
      .array(
        z
          .object({
            value: z.string().min(1),
            displayName: z.string().min(1),
            allowedMemberTypes: z.array(z.enum(["User", "Application"])).default(["User"]),
          })
          .strict(),
      )
      .default([]),
    graphDelegatedPermissions: z.array(z.string().min(1)).default([]),
    graphApplicationPermissions: z.array(z.string().min(1)).default([]),
    accessTokenVersion: z.union([z.literal(1), z.literal(2)]).default(2),
  })
  .strict();

const groupSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().nullable().default(null),
    mailNickname: z.string().min(1).optional(),
    mailEnabled: z.boolean().default(false),
    securityEnabled: z.boolean().default(true),
    groupTypes: z.array(z.string()).default([]),
    createdDateTime: isoDate.optional(),
    licenses: z.array(licenseSchema).default([]),
  })
  .strict();

/** One user of a description; also what a new joiner (`POST /_emulator/users`) is built from. */
export const userDescriptionSchema = z
  .object({
    userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, "must look like name@domain"),
    displayName: z.string().min(1),
    givenName: z.string().nullable().default(null),
    surname: z.string().nullable().default(null),
    /** Defaults to the user principal name. */
    mail: z.string().nullable().optional(),
    jobTitle: z.string().nullable().default(null),
    department: z.string().nullable().default(null),
    officeLocation: z.string().nullable().default(null),
    city: z.string().nullable().default(null),
    country: z.string().nullable().default(null),
    accountEnabled: z.boolean().default(true),
    usageLocation: countryCode.nullable(),
    /** Defaults to `SMTP:{userPrincipalName}`. */
    proxyAddresses: z.array(z.string().min(1)).optional(),
    createdDateTime: isoDate.optional(),
    /** When the user last signed in; never by default. */
    lastSignInDateTime: isoDate.nullable().default(null),
    /** Group names the user is a member of. */
    groups: z.array(z.string().min(1)).default([]),
    licenses: z.array(licenseSchema).default([]),
    directoryRoles: z.array(z.enum(roleNames)).default([]),
    /** App role values; each is resolved to the app registration that defines it. */
    appRoles: z.array(z.string().min(1)).default([]),
    password: z.string().min(1).default("Demo-Pass-2026!"),
    listedForSignIn: z.boolean().default(false),
    blockedForOtherReason: z.boolean().default(false),
  })
  .strict();

const contactSchema = z
  .object({
    displayName: z.string().min(1),
    givenName: z.string().nullable().default(null),
    surname: z.string().nullable().default(null),
    companyName: z.string().nullable().default(null),
    mail: z.string().regex(/^[^@\s]+@[^@\s]+$/, "must look like name@domain"),
    /** Defaults to `SMTP:{mail}`. */
    proxyAddresses: z.array(z.string().min(1)).optional(),
  })
  .strict();

/** A whole directory described in JSON: what `POST /_emulator/seed` accepts. */
export const tenantDescriptionSchema = z
  .object({
    tenant: z
      .object({
        id: guid.optional(),
        displayName: z.string().min(1),
        defaultDomain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "must be a domain name"),
        countryLetterCode: countryCode.default("US"),
      })
      .strict(),
    apps: z.array(appSchema).default([]),
    products: z.array(productSchema).default([]),
    skus: z.array(skuSchema).default([]),
    groups: z.array(groupSchema).default([]),
    users: z.array(userDescriptionSchema).default([]),
    contacts: z.array(contactSchema).default([]),
    /** When the seed's licenses were processed; fixed so a seed always builds the same tenant. */
    processedAt: isoDate.default("2026-11-02T08:00:00Z"),
  })
  .strict();

export type TenantDescriptionInput = z.input<typeof tenantDescriptionSchema>;
export type TenantDescription = z.output<typeof tenantDescriptionSchema>;
export type ProductDescription = TenantDescription["products"][number];
export type UserDescription = TenantDescription["users"][number];
export type GroupDescription = TenantDescription["groups"][number];
export type AppDescription = TenantDescription["apps"][number];
export type ContactDescription = TenantDescription["contacts"][number];
export type LicenseDescription = z.output<typeof licenseSchema>;
export type UserDescriptionInput = NonNullable<TenantDescriptionInput["users"]>[number];
export type GroupDescriptionInput = NonNullable<TenantDescriptionInput["groups"]>[number];
export type AppDescriptionInput = NonNullable<TenantDescriptionInput["apps"]>[number];
