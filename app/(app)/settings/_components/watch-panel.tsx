"use client";

import { useId, useState } from "react";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { formatDateTime } from "@/components/format/date-time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { WatchSettingsResponse } from "@/lib/api/watch";
import { useCheckNow, useUpdateWatch } from "@/lib/client/use-watch";

/** The watch: on or off, how often, "Check now", and what the last check found. */
export function WatchPanel({ settings }: { settings: WatchSettingsResponse }) {
  const id = useId();
  const update = useUpdateWatch();
  const checkNow = useCheckNow();
  const [interval, setIntervalText] = useState(String(settings.intervalMinutes));
  const minutes = Number(interval);
  const intervalError =
    !Number.isInteger(minutes) || minutes < 5 || minutes > 1440
      ? "Between 5 and 1,440 minutes."
      : null;
  const { lastRun } = settings;
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Watch
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <Button
          variant={settings.enabled ? "outline" : "default"}
          onClick={() => update.mutate({ enabled: !settings.enabled })}
          disabled={update.isPending}
        >
          {settings.enabled ? "Turn the watch off" : "Turn the watch on"}
        </Button>
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!intervalError) update.mutate({ intervalMinutes: minutes });
          }}
        >
          <div className="space-y-1">
            <label htmlFor={`${id}-interval`} className="block text-sm font-medium">
              Check every (minutes)
            </label>
            <Input
              id={`${id}-interval`}
              type="number"
              min={5}
              max={1440}
              value={interval}
              onChange={(e) => setIntervalText(e.target.value)}
              aria-invalid={intervalError !== null}
              className="w-28"
            />
          </div>
          <Button
            type="submit"
            variant="outline"
            disabled={intervalError !== null || update.isPending}
          >
            Save
          </Button>
        </form>
        <Button
          variant="outline"
          onClick={() => checkNow.mutate()}
          disabled={!settings.enabled || checkNow.isPending || settings.runPending}
        >
          Check now
        </Button>
      </div>
      {intervalError && <p className="text-sm text-red-700 dark:text-red-400">{intervalError}</p>}
      <p
        role="status"
        className="text-sm text-zinc-700 dark:text-zinc-300"
        data-last-check={lastRun?.finishedAt ?? ""}
      >
        {!settings.enabled
          ? "The watch is off."
          : settings.runPending
            ? "Checking the tenant…"
            : `The watch is on, every ${settings.intervalMinutes} minutes.`}{" "}
        {lastRun
          ? `Last check ${formatDateTime(lastRun.finishedAt)}: ${lastRun.appeared} new, ${lastRun.cleared} cleared.`
          : "No check yet: the first one only learns what fails today."}
      </p>
      {!settings.publicUrl && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          Notifications carry no links: Licensedesk has not been told the address people open it at
          (see the setup guide).
        </p>
      )}
      {update.isError && (
        <ActionErrorMessage error={update.error} what="The watch could not be changed" />
      )}
      {checkNow.isError && (
        <ActionErrorMessage error={checkNow.error} what="The check could not be asked for" />
      )}
    </section>
  );
}
