"use client";

import { useEffect, useState } from "react";
import { ApiClientError } from "@/lib/client/api-fetch";

/**
 * What a failed call means for the admin, in their words, by the API's error code; the server's
 * message whenever it says more than the code (what was written, how far a list got).
 */
export function explainError(error: Error): string {
  if (!(error instanceof ApiClientError)) return error.message;
  switch (error.code) {
    case "forbidden":
      return `You are not allowed to do this. ${error.message}`;
    case "not_found":
      return "This user is no longer in the directory (deleted, or renamed). Refresh the list.";
    case "throttled": {
      // Graph's own throttling note only repeats this; anything else says what happened before it.
      const more = error.message.startsWith("Microsoft Graph") ? "" : ` ${error.message}`;
      return `Microsoft Graph is throttling requests from Licensedesk right now.${more}`;
    }
    case "upstream_error":
      return `Microsoft Graph answered with an error. ${error.message}`;
    default:
      return error.message;
  }
}

/** Counts down the seconds Graph asked us to wait. */
function useCountdown(seconds: number | undefined): number {
  const [left, setLeft] = useState(Math.ceil(seconds ?? 0));
  useEffect(() => {
    if (!seconds) return;
    const until = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}

/** A failed call, said plainly; for throttling, how long to wait before trying again. */
export function ActionErrorMessage({ error, what }: { error: Error; what: string }) {
  const retryAfter = error instanceof ApiClientError ? error.retryAfterSeconds : undefined;
  const left = useCountdown(retryAfter);
  if (error instanceof ApiClientError && error.code === "interaction_required") {
    // Not a failure: the page is on its way to Entra's sign-in and comes back by itself.
    return (
      <div
        role="status"
        className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900 dark:border-sky-900/60 dark:bg-sky-950/40 dark:text-sky-200"
      >
        <p className="font-medium">Signing you in again</p>
        <p>{error.message}</p>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
    >
      <p className="font-medium">{what}</p>
      <p>{explainError(error)}</p>
      {retryAfter !== undefined && (
        <p>{left > 0 ? `Try again in ${left} s.` : "You can try again now."}</p>
      )}
    </div>
  );
}
