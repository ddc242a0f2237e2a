"use client";

import { SignedInOnly } from "@/components/app-shell/signed-in-only";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { useWatchSettings } from "@/lib/client/use-watch";
import { SeatsRules } from "./seats-rules";
import { WatchPanel } from "./watch-panel";
import { WebhookList } from "./webhook-list";

function Settings() {
  const settings = useWatchSettings();
  return (
    <section aria-labelledby="settings-heading" className="space-y-6">
      <div>
        <h1 id="settings-heading" className="text-2xl font-semibold tracking-tight">
          Watch and notifications
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Licensedesk checks the tenant for new license errors and tells a channel once per change.
          Every change here is recorded in the history.
        </p>
      </div>
      {settings.isError && (
        <ActionErrorMessage error={settings.error} what="The settings could not be read" />
      )}
      {settings.data ? (
        <>
          <WatchPanel settings={settings.data} />
          <WebhookList settings={settings.data} />
          <SeatsRules settings={settings.data} />
        </>
      ) : (
        !settings.isError && (
          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
            Reading the settings…
          </p>
        )
      )}
    </section>
  );
}

/** The settings for signed-in admins; a sign-in prompt for everyone else. */
export function SettingsRoute() {
  return (
    <SignedInOnly signInTitle="Sign in to change the settings">
      <Settings />
    </SignedInOnly>
  );
}
