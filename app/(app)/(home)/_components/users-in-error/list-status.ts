/** How the list stands, for what the grid says around its rows. */
export interface ListStatus {
  /** The first read is still on its way. */
  pending: boolean;
  /** The read ended in an error (the rows, if any, are what came before it). */
  failed: boolean;
  rows: number;
}

/** The heading of the list's error: with rows on screen, it is partial, never "not read". */
export const listFailureTitle = ({ rows }: ListStatus) =>
  rows > 0
    ? `The list is incomplete: only the ${rows === 1 ? "1 user" : `${rows} users`} read before the failure ${rows === 1 ? "is" : "are"} shown`
    : "The list could not be read";

/**
 * What an empty grid says (`filtered`: there are rows, the filters hide them all): never "no user has
 * a license error" when the read failed.
 */
export function emptyListText({ pending, failed }: ListStatus, filtered: boolean): string {
  if (pending) return "Reading the tenant…";
  if (filtered) {
    return failed ? "No user read so far matches these filters." : "No user matches these filters.";
  }
  return failed
    ? "The list could not be read; see the message above."
    : "No user has a license error.";
}
