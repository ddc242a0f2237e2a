"use client";

import { MsalProvider } from "@azure/msal-react";
import { QueryClientProvider } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import type { PublicAuthConfig } from "@/lib/api/public-auth-config";
import { AuthConfigProvider } from "@/lib/client/auth-config-context";
import { getMsalInstance } from "@/lib/client/msal";
import { NextNavigationClient } from "@/lib/client/navigation-client";
import { getQueryClient } from "@/lib/client/query-client";

/** Everything client-side the signed-in app needs: auth config, MSAL, TanStack Query. */
export function Providers({
  authConfig,
  children,
}: {
  authConfig: PublicAuthConfig;
  children: ReactNode;
}) {
  const router = useRouter();
  const [msal] = useState(() => getMsalInstance(authConfig, new NextNavigationClient(router)));
  return (
    <AuthConfigProvider value={authConfig}>
      <MsalProvider instance={msal}>
        <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>
      </MsalProvider>
    </AuthConfigProvider>
  );
}
