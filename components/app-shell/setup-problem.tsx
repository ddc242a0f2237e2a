/** Shown instead of the app when the server cannot run as configured; says what to do about it. */
export function SetupProblem({ message, hint }: { message: string; hint: string }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col justify-center gap-4 px-6 py-16">
      <p className="text-sm font-semibold tracking-wide text-red-700 uppercase dark:text-red-400">
        Licensedesk cannot start
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">{message}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">{hint}</p>
      <p className="text-sm text-zinc-500">Reload this page once it is fixed.</p>
    </main>
  );
}
