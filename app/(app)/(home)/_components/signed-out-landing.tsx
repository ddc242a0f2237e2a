"use client";

import { SignInButton } from "@/components/app-shell/sign-in-button";
import { useAuthConfig } from "@/lib/client/auth-config-context";

const STEPS = [
  ["Find", "Every user whose group-based license failed, across the tenant, with the reason."],
  ["Fix", "Reprocess a user once the cause is gone: seats bought, usage location set."],
  ["Prove", "A before and after diff of licenses, plans and states, checked after the fact."],
] as const;

export function SignedOutLanding({ loginError }: { loginError: string | null }) {
  const { mode, tenantDisplayName } = useAuthConfig();
  return (
    <section className="mx-auto flex max-w-3xl flex-col items-center gap-8 py-16 text-center">
      <div className="space-y-4">
        <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
          Group-based licenses that failed, found and fixed.
        </h1>
        <p className="text-lg text-pretty text-zinc-600 dark:text-zinc-400">
          Sign in with a helpdesk admin account of {tenantDisplayName}
          {mode === "emulator" ? ", the local demo tenant" : ""}.
        </p>
      </div>
      <SignInButton size="lg" />
      {loginError && (
        <p role="alert" className="max-w-xl text-sm text-red-700 dark:text-red-400">
          Sign-in did not complete: {loginError}
        </p>
      )}
      <ol className="grid w-full gap-4 pt-8 text-left sm:grid-cols-3">
        {STEPS.map(([title, text], index) => (
          <li
            key={title}
            className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <p className="text-xs font-semibold text-sky-700 dark:text-sky-400">Step {index + 1}</p>
            <p className="mt-1 font-medium">{title}</p>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
