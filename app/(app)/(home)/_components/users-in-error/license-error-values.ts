import { DIRECT_ASSIGNMENT } from "@/components/licenses/labels";
import type { FailingAssignment } from "@/lib/api/license-errors";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";

const distinct = (values: string[]) => [...new Set(values)];

/** The values a row offers to a column's filter and facet counts (a user may fail several ways). */
export const rowValues = {
  product: (row: LicenseErrorListRow) => distinct(row.failing.map((f) => f.productName)),
  group: (row: LicenseErrorListRow) =>
    distinct(row.failing.map((f) => f.groupName ?? DIRECT_ASSIGNMENT)),
  error: (row: LicenseErrorListRow) => distinct(row.failing.map((f) => f.error)),
  state: (row: LicenseErrorListRow) =>
    row.resolved ? ["Resolved"] : distinct(row.failing.map((f) => f.state)),
  /** The keys of the fixes that would clear one of the row's failing assignments. */
  fix: (row: LicenseErrorListRow) =>
    distinct(row.failing.flatMap((f) => f.fixes.map((fix) => fix.key))),
};

/** Each fix key with its words, as the server wrote them. */
export function fixTexts(rows: LicenseErrorListRow[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const row of rows) {
    for (const f of row.failing) for (const fix of f.fixes) texts.set(fix.key, fix.text);
  }
  return texts;
}

/** The newest `lastUpdatedDateTime` of a row's failing assignments (ISO strings sort as dates). */
export const lastUpdated = (row: LicenseErrorListRow): string =>
  row.failing.reduce((latest, f) => {
    const at = f.lastUpdatedDateTime ?? "";
    return at > latest ? at : latest;
  }, "");

/** Each error code with the plain title the server gave it, in the order codes first appear. */
export function errorTitles(rows: LicenseErrorListRow[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const row of rows) {
    for (const f of row.failing) if (!titles.has(f.error)) titles.set(f.error, f.explanation.title);
  }
  return titles;
}

/** How many users (still in error) fail with each code. */
export function usersPerErrorCode(rows: LicenseErrorListRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.resolved) continue;
    for (const code of rowValues.error(row)) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

export const needsUsageLocation = (failing: FailingAssignment[]) =>
  failing.some((f) => f.error === "ProhibitedInUsageLocationViolation");

const FILTER_NAMES: Record<string, string> = {
  user: "search",
  error: "error",
  product: "product",
  group: "group",
  fix: "fix",
};

/** The grid's filters in words, e.g. `error "Not enough licenses", search "smith"`. */
export function describeFilters(
  filters: { id: string; value: unknown }[],
  labels: { error: Map<string, string>; fix: Map<string, string> },
): string {
  return filters
    .map(({ id, value }) => {
      const values = (Array.isArray(value) ? value : [value]).map(String);
      const named = id === "error" ? labels.error : id === "fix" ? labels.fix : null;
      const shown = named ? values.map((v) => named.get(v) ?? v) : values;
      return `${FILTER_NAMES[id] ?? id} ${shown.map((v) => `"${v}"`).join(" or ")}`;
    })
    .join(", ");
}
