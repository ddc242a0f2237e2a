import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-shell/app-header";
import { SetupProblem } from "@/components/app-shell/setup-problem";
import type { PublicAuthConfig } from "@/lib/api/public-auth-config";
import { getPublicAuthConfig } from "@/lib/server/auth-config";
import { ConfigurationError } from "@/lib/server/configuration-error";
import { Providers } from "../providers";

async function loadAuthConfig(): Promise<PublicAuthConfig | ConfigurationError> {
  try {
    return await getPublicAuthConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
}

/** The signed-in app: its auth config is read per request (environment or the running emulator). */
export default async function AppLayout({ children }: { children: ReactNode }) {
  await connection();
  const authConfig = await loadAuthConfig();
  if (authConfig instanceof ConfigurationError) {
    return <SetupProblem message={authConfig.message} hint={authConfig.hint} />;
  }
  return (
    <Providers authConfig={authConfig}>
      <AppHeader />
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
    </Providers>
  );
}
