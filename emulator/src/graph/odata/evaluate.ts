import { odataError, unsupportedFilterProperty, unsupportedQuery } from "../errors";
import { type FilterLiteral, type FilterNode, LAMBDA_ELEMENT } from "./filter";
import {
  canonicalProperty,
  type FieldType,
  type FilterField,
  type ResourceShape,
} from "./resource";

export type Predicate<T> = (item: T) => boolean;

const EDM: Record<FilterLiteral["type"] | FieldType, string> = {
  string: "Edm.String",
  guid: "Edm.Guid",
  datetime: "Edm.DateTimeOffset",
  boolean: "Edm.Boolean",
  number: "Edm.Int32",
  null: "null",
};

const OP_KIND: Record<string, string> = {
  eq: "Equal",
  ne: "NotEqual",
  gt: "GreaterThan",
  ge: "GreaterThanOrEqual",
  lt: "LessThan",
  le: "LessThanOrEqual",
};

type Value = string | boolean | null;

const literalValue = (literal: FilterLiteral): Value | number =>
  literal.type === "null" ? null : literal.value;

const same = (a: Value, b: Value | number) =>
  typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;

interface Scope {
  shapeName: string;
  odataType: string;
  fields: Record<string, FilterField<unknown>>;
  knows(property: string): boolean;
  collections: NonNullable<ResourceShape<unknown>["collections"]>;
}

/**
 * Turns a parsed $filter into a predicate, rejecting what Graph rejects: unknown or unfilterable
 * properties, wrong literal types, and advanced operators (ne, not, endswith, null) without
 * `ConsistencyLevel: eventual` and `$count=true`.
 */
export function compileFilter<T>(
  node: FilterNode,
  shape: ResourceShape<T>,
  advanced: boolean,
): Predicate<T> {
  const scope: Scope = {
    shapeName: shape.name,
    odataType: shape.odataType,
    fields: shape.filters as Record<string, FilterField<unknown>>,
    knows: (p) => canonicalProperty(shape, p) !== undefined,
    collections: (shape.collections ?? {}) as Scope["collections"],
  };
  refuseCombinedAlone(node, scope);
  return compile(node, scope, advanced) as Predicate<T>;
}

/** The properties a filter names, collections by their own name. */
export function propertiesOf(node: FilterNode): string[] {
  switch (node.kind) {
    case "and":
    case "or":
      return [...propertiesOf(node.left), ...propertiesOf(node.right)];
    case "not":
      return propertiesOf(node.operand);
    case "any":
      return [node.collection];
    default:
      return [node.property];
  }
}

function refuseCombinedAlone(node: FilterNode, scope: Scope): void {
  const names = new Set(propertiesOf(node).map((p) => p.toLowerCase()));
  const alone = [...names].find((name) => scope.fields[name]?.alone);
  if (alone && names.size > 1)
    throw unsupportedQuery(`'${alone}' cannot be combined with other filterable properties.`);
}

function field(scope: Scope, property: string): FilterField<unknown> {
  const found = scope.fields[property.toLowerCase()];
  if (found) return found;
  if (property === LAMBDA_ELEMENT)
    throw odataError(
      "Invalid filter clause: a lambda variable alone stands for the element itself, which only collections of strings allow.",
    );
  if (scope.knows(property)) throw unsupportedFilterProperty(property, scope.shapeName);
  throw odataError(`Could not find a property named '${property}' on type '${scope.odataType}'.`);
}

function checkType(f: FilterField<unknown>, literal: FilterLiteral, op: string): void {
  if (literal.type === "null" || literal.type === f.type) return;
  throw odataError(
    `A binary operator with incompatible types was detected. Found operand types '${EDM[f.type]}' and '${EDM[literal.type]}' for operator kind '${OP_KIND[op] ?? op}'.`,
  );
}

function allowed(f: FilterField<unknown>, op: string, property: string, scope: Scope): void {
  const defaults =
    f.type === "string" ? ["eq", "ne", "in", "startswith", "endswith"] : ["eq", "ne", "in"];
  if (!(f.only ?? defaults).includes(op as never))
    throw unsupportedFilterProperty(property, scope.shapeName);
}

/** ge and le, on the date-times that allow them (compared as instants; a missing value never matches). */
function ordered(
  f: FilterField<unknown>,
  op: "ge" | "le",
  expected: Value | number,
): Predicate<unknown> {
  const bound = Date.parse(String(expected));
  return (item) => {
    const value = f.get(item);
    if (typeof value !== "string") return false;
    const at = Date.parse(value);
    return op === "ge" ? at >= bound : at <= bound;
  };
}

function requireAdvanced(advanced: boolean, property: string, scope: Scope): void {
  if (!advanced) throw unsupportedFilterProperty(property, scope.shapeName);
}

function compile(node: FilterNode, scope: Scope, advanced: boolean): Predicate<unknown> {
  switch (node.kind) {
    case "and": {
      const [l, r] = [compile(node.left, scope, advanced), compile(node.right, scope, advanced)];
      return (item) => l(item) && r(item);
    }
    case "or": {
      const [l, r] = [compile(node.left, scope, advanced), compile(node.right, scope, advanced)];
      return (item) => l(item) || r(item);
    }
    case "not": {
      if (!advanced)
        throw unsupportedQuery("The 'not' operator is supported only in advanced queries.");
      const inner = compile(node.operand, scope, advanced);
      return (item) => !inner(item);
    }
    case "compare": {
      const f = field(scope, node.property);
      allowed(f, node.op, node.property, scope);
      checkType(f, node.value, node.op);
      const expected = literalValue(node.value);
      if (node.op === "ne" || expected === null) requireAdvanced(advanced, node.property, scope);
      if (node.op === "ge" || node.op === "le") return ordered(f, node.op, expected);
      return node.op === "eq"
        ? (item) => same(f.get(item), expected)
        : (item) => !same(f.get(item), expected);
    }
    case "in": {
      const f = field(scope, node.property);
      allowed(f, "in", node.property, scope);
      node.values.forEach((v) => checkType(f, v, "in"));
      const values = node.values.map(literalValue);
      return (item) => values.some((v) => same(f.get(item), v));
    }
    case "function": {
      const f = field(scope, node.property);
      allowed(f, node.name, node.property, scope);
      if (node.value.type !== "string" || f.type !== "string") checkType(f, node.value, node.name);
      if (node.name === "endswith") requireAdvanced(advanced, node.property, scope);
      const needle = String(literalValue(node.value)).toLowerCase();
      return (item) => {
        const value = f.get(item);
        if (typeof value !== "string") return false;
        const lower = value.toLowerCase();
        return node.name === "startswith" ? lower.startsWith(needle) : lower.endsWith(needle);
      };
    }
    case "any": {
      const collection = scope.collections[node.collection.toLowerCase()];
      if (!collection) {
        const property = node.collection;
        if (scope.knows(property)) throw unsupportedFilterProperty(property, scope.shapeName);
        throw odataError(
          `Could not find a property named '${property}' on type '${scope.odataType}'.`,
        );
      }
      const inner = compile(
        node.predicate,
        {
          ...scope,
          fields: collection.fields,
          knows: (p) => p.toLowerCase() in collection.fields,
          collections: {},
        },
        advanced,
      );
      return (item) => collection.get(item).some(inner);
    }
  }
}
