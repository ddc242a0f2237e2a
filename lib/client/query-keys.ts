/** Query keys, generic to specific; components never spell them out. */
export const meKeys = {
  all: ["me"] as const,
  /** Keyed by account so a different sign-in never sees the previous user's answer. */
  detail: (homeAccountId: string) => [...meKeys.all, homeAccountId] as const,
};
