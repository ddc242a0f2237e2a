import type { User } from "../tenant/model";
import { COUNTRY_CODES } from "./countries";
import { badRequest } from "./errors";
import { userShape } from "./resources/user";

type Writable =
  | "displayName"
  | "givenName"
  | "surname"
  | "jobTitle"
  | "department"
  | "officeLocation"
  | "city"
  | "country";

const NULLABLE_TEXT: readonly Writable[] = [
  "givenName",
  "surname",
  "jobTitle",
  "department",
  "officeLocation",
  "city",
  "country",
];

const invalidValue = (property: string) =>
  badRequest(`Invalid value specified for property '${property}' of resource 'User'.`);

/** The changes a PATCH asks for, validated as the directory does; nothing is written on error. */
function readPatch(body: unknown): Partial<User> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("Empty Payload. JSON content expected.");
  }
  const changes: Partial<User> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith("@odata.")) continue;
    if (name === "usageLocation") {
      if (
        value !== null &&
        (typeof value !== "string" || !COUNTRY_CODES.has(value.toUpperCase()))
      ) {
        throw invalidValue(name);
      }
      changes.usageLocation = value === null ? null : value.toUpperCase();
    } else if (name === "accountEnabled") {
      if (typeof value !== "boolean") throw invalidValue(name);
      changes.accountEnabled = value;
    } else if (name === "displayName") {
      if (typeof value !== "string" || value.trim() === "") throw invalidValue(name);
      changes.displayName = value;
    } else if ((NULLABLE_TEXT as readonly string[]).includes(name)) {
      if (value !== null && typeof value !== "string") throw invalidValue(name);
      changes[name as Exclude<Writable, "displayName">] = value;
    } else if (name in userShape.properties) {
      throw badRequest(`Property '${name}' is read-only and cannot be set.`);
    } else {
      throw badRequest(
        `Property '${name}' does not exist as a declared property or extension property.`,
      );
    }
  }
  return changes;
}

/** Applies a PATCH to the user; license results stay as they were (errors are sticky until reprocessed). */
export function patchUser(user: User, body: unknown): void {
  Object.assign(user, readPatch(body));
}
