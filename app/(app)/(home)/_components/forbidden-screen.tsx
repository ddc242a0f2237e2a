import type { GetMeResponse } from "@/lib/api/me";
import { AccessSummary } from "./access-summary";

/** Shown to accounts with neither an admin role nor a Licensedesk role: the API answers them 403. */
export function ForbiddenScreen({ me }: { me: GetMeResponse }) {
  return (
    <section aria-labelledby="forbidden-heading" className="mx-auto max-w-2xl space-y-6 py-8">
      <div className="space-y-2">
        <p className="text-sm font-semibold text-red-700 dark:text-red-400">403 · No access</p>
        <h1 id="forbidden-heading" className="text-2xl font-semibold tracking-tight">
          Your account cannot use Licensedesk
        </h1>
        <p className="text-zinc-700 dark:text-zinc-300">
          Licensedesk shows license errors to License, User and Global Administrators, Directory
          Writers, Global Readers and accounts given a Licensedesk role. Ask an administrator for
          one of them, then sign in again.
        </p>
      </div>
      <AccessSummary me={me} />
    </section>
  );
}
