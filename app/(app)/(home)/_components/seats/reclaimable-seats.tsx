"use client";

import { type FormEvent, useId, useState } from "react";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { formatDate, formatDateTime } from "@/components/format/date-time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { INACTIVE_DAYS, INACTIVE_DAYS_MESSAGE, isInactiveDays } from "@/lib/api/inactive-days";
import type { MissingPermission } from "@/lib/api/license-causes";
import type { GetReclaimableSeatsResponse, ReclaimableAccount } from "@/lib/api/seats";
import { ApiClientError } from "@/lib/client/api-fetch";
import { useDownloadReclaimableCsv, useReclaimableSeats } from "@/lib/client/use-seats";
import { heldThrough, reclaimableHeading, reclaimReason } from "./reclaimable-text";

interface ReclaimableSeatsProps {
  skuId: string;
  productName: string;
}

/** The threshold of inactivity; a bad entry is said and leaves the list as it was. */
function InactiveDaysForm({ days, onApply }: { days: number; onApply: (days: number) => void }) {
  const inputId = useId();
  const hintId = useId();
  const [draft, setDraft] = useState(String(days));
  const [tried, setTried] = useState(false);
  const entered = draft.trim() === "" ? Number.NaN : Number(draft);
  const invalid = tried && !isInactiveDays(entered);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (isInactiveDays(entered)) onApply(entered);
  };

  return (
    <form noValidate onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium">
          Inactive for (days)
        </label>
        <Input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={INACTIVE_DAYS.min}
          max={INACTIVE_DAYS.max}
          step={1}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          aria-invalid={invalid}
          aria-describedby={hintId}
          className="w-28"
        />
      </div>
      <Button type="submit" variant="outline">
        Show
      </Button>
      <p
        id={hintId}
        className={invalid ? "w-full text-sm text-red-700 dark:text-red-400" : "sr-only"}
      >
        {invalid
          ? INACTIVE_DAYS_MESSAGE
          : `Enabled accounts with no sign-in for this many days, ${INACTIVE_DAYS.min} to ${INACTIVE_DAYS.max}.`}
      </p>
    </form>
  );
}

function DownloadCsv({ skuId, days }: { skuId: string; days: number }) {
  const download = useDownloadReclaimableCsv(skuId);
  return (
    <div className="space-y-2">
      <Button variant="outline" disabled={download.isPending} onClick={() => download.mutate(days)}>
        {download.isPending ? "Preparing CSV…" : "Download CSV"}
      </Button>
      {download.isError && (
        <ActionErrorMessage error={download.error} what="The CSV could not be downloaded" />
      )}
    </div>
  );
}

/** Why inactive accounts are missing, and what granting the permission would show. */
function SignInActivityNote({ missing }: { missing: MissingPermission[] }) {
  return (
    <div
      role="note"
      className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-900/60 dark:bg-amber-950/30 dark:text-amber-100"
    >
      <p className="font-medium">Only disabled accounts are listed</p>
      {missing.map(({ permission, enables }) => (
        <p key={permission}>
          Licensedesk may not read sign-in activity. With the Microsoft Graph permission{" "}
          <code className="font-mono">{permission}</code> (and Microsoft Entra ID P1 or P2 in the
          tenant) it would also list {enables}.
        </p>
      ))}
    </div>
  );
}

function AccountRow({ account, readAt }: { account: ReclaimableAccount; readAt: string }) {
  return (
    <tr className="border-t border-zinc-100 align-top dark:border-zinc-800">
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {account.displayName}
      </th>
      <td className="px-3 py-2 break-all text-zinc-700 dark:text-zinc-300">
        {account.userPrincipalName}
      </td>
      <td className="px-3 py-2">
        {reclaimReason(account, readAt)}
        {account.reason === "disabled" && account.lastSignIn && (
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            Last sign-in {formatDate(account.lastSignIn)}
          </span>
        )}
      </td>
      <td className="px-3 py-2">
        {account.holds.map((hold, index) => (
          <span key={index} className="block">
            {heldThrough(hold)}
          </span>
        ))}
      </td>
      <td className="px-3 py-2 tabular-nums">
        {account.holds.map((hold, index) => (
          <span key={index} className="block">
            {formatDate(hold.since)}
          </span>
        ))}
      </td>
    </tr>
  );
}

function AccountsTable({ list }: { list: GetReclaimableSeatsResponse }) {
  const accounts = [
    ...list.disabled,
    ...(list.inactive.status === "read" ? list.inactive.accounts : []),
  ];
  if (accounts.length === 0) return null;
  const neverSignedIn = accounts.some((account) => account.reason === "neverSignedIn");
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full min-w-[44rem] text-sm">
          <caption className="sr-only">
            Accounts holding {list.productName} that could give their seat back
          </caption>
          <thead className="bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-300">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                User principal name
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Why
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Held through
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                License state last changed
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <AccountRow key={account.id} account={account} readAt={list.readAt} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        License state last changed: when Microsoft Entra last changed that assignment; it keeps no
        date a license was assigned.
        {neverSignedIn &&
          " No sign-in recorded: Microsoft Graph has no sign-in for the account, which never signed in or last did before April 2020."}
      </p>
    </div>
  );
}

function ReadError({ error }: { error: Error }) {
  // A product gone from the tenant is said as the server says it, not as a missing user.
  if (error instanceof ApiClientError && error.code === "not_found") {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {error.message}
      </p>
    );
  }
  return <ActionErrorMessage error={error} what="The accounts could not be read" />;
}

/**
 * The accounts holding a product that could give their seat back: disabled ones, and enabled ones
 * with no sign-in for a chosen number of days when Licensedesk may read sign-in activity.
 */
export function ReclaimableSeats({ skuId, productName }: ReclaimableSeatsProps) {
  const headingId = useId();
  const [days, setDays] = useState<number>(INACTIVE_DAYS.default);
  const query = useReclaimableSeats(skuId, days);
  const list = query.data;
  const status = !list
    ? query.isError
      ? ""
      : `Reading who holds ${productName}…`
    : query.isPlaceholderData
      ? `Reading accounts with no sign-in for ${days} days…`
      : `Read ${formatDateTime(list.readAt)}.`;

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {list ? reclaimableHeading(list) : `Seats of ${productName} that could be reclaimed`}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Accounts that could give their seat back. Licensedesk lists them; it removes no license.
          </p>
        </div>
        <DownloadCsv skuId={skuId} days={days} />
      </div>
      <InactiveDaysForm days={days} onApply={setDays} />
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        {status}
      </p>
      {query.isError && <ReadError error={query.error} />}
      {list?.inactive.status === "unavailable" && (
        <SignInActivityNote missing={list.inactive.missing} />
      )}
      {list && <AccountsTable list={list} />}
    </section>
  );
}
