/** Variables the Playwright config and global setup hand to the specs (workers inherit them). */
export const E2E_ENV = {
  /** This run's folder for app data (SQLite files), fresh per run and removed at its end. */
  runDir: "LICENSEDESK_E2E_RUN_DIR",
  /** A PostgreSQL server where specs may create databases. */
  databaseUrl: "LICENSEDESK_E2E_DATABASE_URL",
  /** Why there is no PostgreSQL server: the specs that need one fail with this. */
  databaseProblem: "LICENSEDESK_E2E_DATABASE_PROBLEM",
} as const;
