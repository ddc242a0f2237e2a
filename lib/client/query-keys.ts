/** Query keys, generic to specific; components never spell them out. */
export const meKeys = {
  all: ["me"] as const,
  /** Keyed by account so a different sign-in never sees the previous user's answer. */
  detail: (homeAccountId: string) => [...meKeys.all, homeAccountId] as const,
};

/** The tenant-wide list of users whose licenses failed, per signed-in account. */
export const licenseErrorKeys = {
  all: ["license-errors"] as const,
  list: (homeAccountId: string) => [...licenseErrorKeys.all, "list", homeAccountId] as const,
};

export const seatKeys = {
  all: ["seats"] as const,
  list: (homeAccountId: string) => [...seatKeys.all, "list", homeAccountId] as const,
  /** A product's holders that could give their seat back, per threshold of inactivity. */
  reclaimable: (homeAccountId: string, skuId: string, inactiveDays: number) =>
    [...seatKeys.all, "reclaimable", homeAccountId, skuId.toLowerCase(), inactiveDays] as const,
};

/** Mutation keys of actions on one user, so any component can read the latest result. */
export const userActionKeys = {
  all: ["user-actions"] as const,
  user: (userId: string) => [...userActionKeys.all, userId] as const,
  reprocess: (userId: string) => [...userActionKeys.user(userId), "reprocess"] as const,
  usageLocation: (userId: string) => [...userActionKeys.user(userId), "usage-location"] as const,
};

/** Bulk reprocess jobs: the list, one job, and one job followed live (its items included). */
export const jobKeys = {
  all: ["jobs"] as const,
  list: (homeAccountId: string) => [...jobKeys.all, "list", homeAccountId] as const,
  live: (homeAccountId: string, jobId: string) =>
    [...jobKeys.all, "live", homeAccountId, jobId] as const,
};

/** Mutation keys of job actions: create, estimate, pause/resume/cancel. */
export const jobActionKeys = {
  all: ["job-actions"] as const,
  estimate: () => [...jobActionKeys.all, "estimate"] as const,
  create: () => [...jobActionKeys.all, "create"] as const,
  control: (jobId: string) => [...jobActionKeys.all, "control", jobId] as const,
};

/** One user's named license causes, read afresh when the panel opens. */
export const licenseCauseKeys = {
  all: ["license-causes"] as const,
  user: (homeAccountId: string, userId: string) =>
    [...licenseCauseKeys.all, homeAccountId, userId] as const,
};

/** The history of writes: filtered pages, and single records with their detail. */
export const historyKeys = {
  all: ["history"] as const,
  list: (homeAccountId: string, filters: Record<string, string>) =>
    [...historyKeys.all, "list", homeAccountId, filters] as const,
  record: (homeAccountId: string, seq: number) =>
    [...historyKeys.all, "record", homeAccountId, seq] as const,
};

/** The watch's settings, last run and webhooks. */
export const watchKeys = {
  all: ["watch"] as const,
  settings: (homeAccountId: string) => [...watchKeys.all, "settings", homeAccountId] as const,
};
