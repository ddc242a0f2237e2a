"use client";

import { type FormEvent, useId, useState } from "react";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { WatchSettingsResponse, WebhookView } from "@/lib/api/watch";
import { useAddWebhook, useRemoveWebhook, useTestWebhook } from "@/lib/client/use-watch";

function WebhookRow({ hook }: { hook: WebhookView }) {
  const test = useTestWebhook();
  const remove = useRemoveWebhook();
  return (
    <li
      className="flex flex-wrap items-center gap-3 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800"
      data-webhook={hook.name}
    >
      <span className="font-medium">{hook.name}</span>
      <span className="text-zinc-600 dark:text-zinc-400">
        {hook.kind === "teams" ? "Microsoft Teams" : "JSON"}
      </span>
      <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{hook.targetHint}</span>
      <span className="ml-auto flex items-center gap-2">
        {test.data && (
          <span role="status">
            {test.data.ok ? "Test sent" : `The receiver answered ${test.data.status ?? "nothing"}`}
          </span>
        )}
        <Button
          variant="outline"
          size="sm"
          onClick={() => test.mutate(hook.id)}
          disabled={test.isPending}
        >
          Send a test message
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => remove.mutate(hook.id)}
          disabled={remove.isPending}
        >
          Remove
        </Button>
      </span>
      {test.isError && (
        <ActionErrorMessage error={test.error} what="The test message could not be sent" />
      )}
    </li>
  );
}

function AddWebhook() {
  const id = useId();
  const add = useAddWebhook();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"json" | "teams">("teams");
  const [url, setUrl] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name, kind, url },
      {
        onSuccess: () => {
          setName("");
          setUrl("");
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Add a webhook">
      <div className="flex flex-wrap items-end gap-2">
        <div className="space-y-1">
          <label htmlFor={`${id}-name`} className="block text-sm font-medium">
            Name
          </label>
          <Input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="w-48"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-kind`} className="block text-sm font-medium">
            Format
          </label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as "json" | "teams")}
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="teams">Microsoft Teams (Workflows webhook)</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <div className="min-w-80 flex-1 space-y-1">
          <label htmlFor={`${id}-url`} className="block text-sm font-medium">
            Webhook URL
          </label>
          <Input
            id={`${id}-url`}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="off"
          />
        </div>
        <Button type="submit" disabled={add.isPending || !name.trim() || !url.trim()}>
          Add webhook
        </Button>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        The URL is the webhook&apos;s secret: it is stored encrypted and never shown again, only its
        host.
      </p>
      {add.isError && (
        <ActionErrorMessage error={add.error} what="The webhook could not be added" />
      )}
    </form>
  );
}

/** Where notifications go: each webhook by name and host, with a test; and a form to add one. */
export function WebhookList({ settings }: { settings: WatchSettingsResponse }) {
  return (
    <section
      aria-labelledby="webhooks-heading"
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id="webhooks-heading" className="text-lg font-semibold">
        Webhooks
      </h2>
      {settings.webhooks.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No webhook yet: new errors are recorded, but nobody is told.
        </p>
      ) : (
        <ul aria-label="Webhooks" className="space-y-2">
          {settings.webhooks.map((hook) => (
            <WebhookRow key={hook.id} hook={hook} />
          ))}
        </ul>
      )}
      <AddWebhook />
    </section>
  );
}
