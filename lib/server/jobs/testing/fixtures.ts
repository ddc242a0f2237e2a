import "server-only";
import type { Database } from "../../db/database";
import { createJob } from "@/lib/server/jobs/store/create-job";
import type { Actor, NewJobItem } from "@/lib/server/jobs/store/types";

export const TENANT = "0785ef7c-0000-4000-8000-000000000001";
export const ADELE: Actor = { oid: "a1a1a1a1-0000-4000-8000-00000000000a", name: "Adele Vance" };
export const LEE: Actor = { oid: "b2b2b2b2-0000-4000-8000-00000000000b", name: "Lee Gu" };

/** `count` users named after `prefix`, e.g. a-1 … a-20. */
export const users = (prefix: string, count: number): NewJobItem[] =>
  Array.from({ length: count }, (_, i) => ({
    userId: `${prefix}-${i + 1}`,
    upn: `${prefix}.${i + 1}@contoso.onmicrosoft.com`,
    displayName: `${prefix.toUpperCase()} User ${i + 1}`,
  }));

/** A job for `count` users, created by Adele at `now`. */
export const createTestJob = (database: Database, prefix: string, count: number, now = 1_000) =>
  createJob(database, {
    tenantId: TENANT,
    createdBy: ADELE,
    selection: { description: `${count} selected users`, criteria: { prefix } },
    items: users(prefix, count),
    now,
  });
