import "server-only";
import { decodeJwt } from "jose";
import type { Database } from "@/lib/server/db/database";
import { GraphClient } from "@/lib/server/graph/client";
import { getTenantPacer } from "@/lib/server/graph/pacing/tenant-pacer";
import { type GraphSettings, getGraphSettings } from "@/lib/server/graph/settings";
import { acquireGraphToken } from "@/lib/server/graph/token";
import type { Caller } from "@/lib/server/http/with-auth";
import { JobCredentialsUnavailableError } from "./credentials-error";
import { resumeJobAfterSignIn } from "@/lib/server/jobs/store/job-control";
import type { Actor } from "@/lib/server/jobs/store/types";
import { credentialKey, decryptCredential, encryptCredential } from "./cipher";
import {
  jobsWithOlderCredential,
  readJobCredential,
  saveJobCredential,
} from "@/lib/server/jobs/store/credentials";

/** A token this close to its expiry starts no more work: a batch and its checks take a few seconds. */
const CREDENTIAL_MARGIN_MS = 30_000;

/** The worker retries through the job store, so its Graph client never waits and retries itself. */
const NO_RETRIES = { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };

export const actorOf = (caller: Caller): Actor => ({
  oid: caller.user.oid,
  name: caller.user.name ?? caller.user.preferredUsername ?? caller.user.oid,
});

// withAuth has verified the token, so its expiry can be read without checking the signature again.
const expiryOf = (accessToken: string): number => (decodeJwt(accessToken).exp ?? 0) * 1000;

/**
 * Delegated mode: gives the caller's newer sign-in to every unfinished job they created, and resumes the
 * ones that waited for it. Called on each of their /api/jobs requests; app-only mode stores nothing.
 */
export async function keepCreatorCredentials(
  database: Database,
  caller: Caller,
  { settings, now }: { settings: GraphSettings; now: number },
): Promise<void> {
  if (settings.mode !== "delegated") return;
  const expiresAt = expiryOf(caller.accessToken);
  const jobs = await jobsWithOlderCredential(database, {
    tenantId: settings.tenantId,
    creatorOid: caller.user.oid,
    expiresAt,
  });
  if (jobs.length === 0) return;
  const key = credentialKey(settings.client.clientSecret);
  for (const job of jobs) {
    const ciphertext = encryptCredential(key, job.id, caller.accessToken);
    await saveJobCredential(database, { jobId: job.id, ciphertext, expiresAt, now });
    if (job.pauseReason === "sign_in_required" && expiresAt - CREDENTIAL_MARGIN_MS > now) {
      await resumeJobAfterSignIn(database, { jobId: job.id, actor: actorOf(caller), now });
    }
  }
}

/** Delegated mode: the caller's sign-in sealed for a new job, to be stored with it; nothing in app-only. */
export function sealCreatorCredential(
  caller: Caller,
  settings: GraphSettings,
  jobId: string,
): { ciphertext: string; expiresAt: number } | undefined {
  if (settings.mode !== "delegated") return undefined;
  const key = credentialKey(settings.client.clientSecret);
  return {
    ciphertext: encryptCredential(key, jobId, caller.accessToken),
    expiresAt: expiryOf(caller.accessToken),
  };
}

let appOnlyClient: { key: string; graph: GraphClient } | undefined;

/**
 * Graph for a job's worker: as the app in app-only mode; on behalf of the job's creator in delegated
 * mode, from their stored sign-in. Throws JobCredentialsUnavailableError when that sign-in has expired
 * (or cannot be read or exchanged), so the job waits for its creator instead of failing its users.
 */
export async function graphForJob(
  database: Database,
  jobId: string,
  now = Date.now(),
): Promise<GraphClient> {
  const settings = await getGraphSettings();
  if (settings.mode === "app-only") {
    const key = JSON.stringify(settings);
    if (appOnlyClient?.key !== key) {
      const graph = new GraphClient({
        baseUrl: settings.baseUrl,
        getToken: () => acquireGraphToken(settings, ""),
        retry: NO_RETRIES,
        pacer: await getTenantPacer(settings),
        priority: "bulk",
      });
      appOnlyClient = { key, graph };
    }
    return appOnlyClient.graph;
  }
  const stored = await readJobCredential(database, jobId);
  const assertion =
    stored &&
    decryptCredential(credentialKey(settings.client.clientSecret), jobId, stored.ciphertext);
  if (!stored || !assertion || stored.expiresAt - CREDENTIAL_MARGIN_MS <= now) {
    throw new JobCredentialsUnavailableError(jobId);
  }
  try {
    // MSAL caches the exchange per assertion, so this costs Entra one request per sign-in.
    await acquireGraphToken(settings, assertion);
  } catch (error) {
    throw new JobCredentialsUnavailableError(
      jobId,
      `Microsoft Entra refused job ${jobId}'s on-behalf-of exchange: ${(error as Error).message}`,
    );
  }
  return new GraphClient({
    baseUrl: settings.baseUrl,
    getToken: () => acquireGraphToken(settings, assertion),
    retry: NO_RETRIES,
    pacer: await getTenantPacer(settings),
    priority: "bulk",
  });
}
