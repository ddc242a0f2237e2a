import "server-only";

/**
 * Other spellings of Graph's license error codes: the beta assignment-errors API says `MissingDependency`
 * where v1.0 says `DependencyViolation`, and older documentation (and some tenants) say `Others`.
 */
const ALIASES: Readonly<Record<string, string>> = {
  MissingDependency: "DependencyViolation",
  Others: "Other",
};

/** A license error code in v1.0's spelling, the one the grid filters and counts by. */
export const normalizeErrorCode = (code: string): string =>
  Object.hasOwn(ALIASES, code) ? ALIASES[code]! : code;
