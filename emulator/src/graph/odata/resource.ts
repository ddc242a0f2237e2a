import type { Requirement } from "../permissions";
import { LAMBDA_ELEMENT } from "./filter";
export type FieldType = "string" | "boolean" | "guid" | "datetime";

/** A property $filter may use, with the operators Graph allows on it. */
export interface FilterField<T> {
  type: FieldType;
  get(item: T): string | boolean | null;
  /** Defaults to eq, ne, in, startswith and endswith for strings; eq, ne, in otherwise. gt/lt never. */
  only?: readonly ("eq" | "ne" | "ge" | "le" | "in" | "startswith" | "endswith")[];
  /** Graph refuses it beside any other filterable property (signInActivity). */
  alone?: boolean;
}

/** How Graph exposes one entity type: its properties, defaults, filters and sort keys. */
export interface ResourceShape<T> {
  /** As in Graph's messages, e.g. `User`. */
  name: string;
  /** e.g. `microsoft.graph.user`. */
  odataType: string;
  /** Every property Graph returns for this type, canonical casing, in Graph's order. */
  properties: Record<string, (item: T) => unknown>;
  /** Returned when there is no $select. */
  defaults: readonly string[];
  /** Accepted in $select and $filter but never returned (e.g. hasMembersWithLicenseErrors). */
  hidden?: readonly string[];
  /** Lower-cased property name → filter. */
  filters: Record<string, FilterField<T>>;
  /** Lower-cased collection name → element getter and element filters, for `any()`. */
  collections?: Record<
    string,
    { get(item: T): unknown[]; fields: Record<string, FilterField<unknown>> }
  >;
  /** Lower-cased property name → sort key for $orderby. */
  orderBy?: Record<string, (item: T) => string>;
  /** Lower-cased property name → the further permission selecting or filtering on it needs (signInActivity). */
  guarded?: Record<string, Requirement>;
}

/** A string property $filter may use, with Graph's default string operators. */
export const textField = <T>(get: (item: T) => string | null): FilterField<T> => ({
  type: "string",
  get,
});

/** A collection of strings for `any()`, filtered on the element itself: `proxyAddresses/any(x:x eq …)`. */
export const stringCollection = <T>(get: (item: T) => string[]) => ({
  get: (item: T) => get(item) as unknown[],
  fields: {
    [LAMBDA_ELEMENT]: {
      type: "string",
      get: (element) => element as string,
    } as FilterField<unknown>,
  },
});

/** Finds a property by its case-insensitive name; Graph accepts `DisplayName` for `displayName`. */
export const canonicalProperty = <T>(shape: ResourceShape<T>, name: string): string | undefined => {
  const lower = name.toLowerCase();
  return [...Object.keys(shape.properties), ...(shape.hidden ?? [])].find(
    (p) => p.toLowerCase() === lower,
  );
};
