import type { Row } from "@tanstack/react-table";
import { userSearchKey } from "./user-search-key";

interface NamedUser {
  displayName: string;
  userPrincipalName: string;
}

/** The user column's filter: the search text anywhere in the name or the userPrincipalName. */
export function matchesNameOrUpn<T extends NamedUser>(
  row: Row<T>,
  _columnId: string,
  needle: string,
): boolean {
  return userSearchKey(row.original).includes(needle);
}

// TanStack resolves the search once per change (trimmed, lower-cased), not once per row.
matchesNameOrUpn.resolveFilterValue = (search: string) => search.trim().toLowerCase();
