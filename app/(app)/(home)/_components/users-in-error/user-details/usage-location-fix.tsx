"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Combobox } from "@/components/ui/combobox";
import { countryName, isUsageLocation, USAGE_LOCATIONS } from "@/lib/api/usage-locations";
import { countryLabel } from "@/lib/client/countries";
import { useSetUsageLocation } from "@/lib/client/use-user-actions";
import { useRowActions } from "../row-actions-context";

/** Every country a usage location may name, by English name, as the picker offers them. */
const COUNTRY_OPTIONS = USAGE_LOCATIONS.map((code) => ({
  value: code,
  label: countryName(code),
})).sort((a, b) => a.label.localeCompare(b.label, "en"));

interface UsageLocationFixProps {
  userId: string;
  current: string | null;
}

/**
 * The fix for ProhibitedInUsageLocationViolation in one step: choose the country, and the server
 * sets it, reprocesses and checks the result, which shows below like any reprocess.
 */
export function UsageLocationFix({ userId, current }: UsageLocationFixProps) {
  const hintId = useId();
  const [choice, setChoice] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const setLocation = useSetUsageLocation(userId);
  const { permission, running: runningUsers } = useRowActions();
  const running = runningUsers.has(userId);
  const invalid = tried && (choice === null || !isUsageLocation(choice));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (choice === null || !isUsageLocation(choice)) return;
    setLocation.mutate(choice);
  };

  if (!permission.allowed) {
    return (
      <section
        aria-label="Fix the usage location"
        className="space-y-1 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800"
      >
        <h3 className="font-medium">Fix: set the usage location</h3>
        <p className="text-zinc-700 dark:text-zinc-300">
          Now: {countryLabel(current)}. An operator can set where the user works and reprocess.
        </p>
        <p className="text-zinc-700 dark:text-zinc-300">{permission.reason}</p>
      </section>
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Fix the usage location"
      className="space-y-3 rounded-lg border border-sky-200 bg-sky-50/60 p-4 dark:border-sky-900/60 dark:bg-sky-950/30"
    >
      <div>
        <h3 className="font-medium">Fix in place: set the usage location</h3>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Now: {countryLabel(current)}. Choose where the user works; Licensedesk sets it,
          reprocesses and checks the result.
        </p>
      </div>
      <Combobox
        label="Usage location"
        options={COUNTRY_OPTIONS}
        value={choice}
        onChange={setChoice}
        placeholder="Type a country or its code…"
        describedBy={hintId}
        invalid={invalid}
      />
      <p id={hintId} className={invalid ? "text-sm text-red-700 dark:text-red-400" : "sr-only"}>
        {invalid ? "Choose a country from the list." : "A country from the ISO 3166 list."}
      </p>
      <Button type="submit" disabled={running}>
        {running ? "Setting and reprocessing…" : "Set usage location and reprocess"}
      </Button>
    </form>
  );
}
