import type { Row } from "@tanstack/react-table";

interface NamedUser {
  displayName: string;
  userPrincipalName: string;
}

/** The user column's filter: the search text anywhere in the name or the userPrincipalName. */
export function matchesNameOrUpn<T extends NamedUser>(
  row: Row<T>,
  _columnId: string,
  search: string,
): boolean {
  const needle = search.trim().toLowerCase();
  const { displayName, userPrincipalName } = row.original;
  return (
    displayName.toLowerCase().includes(needle) || userPrincipalName.toLowerCase().includes(needle)
  );
}
