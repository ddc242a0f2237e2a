"use client";

import { createContext, useContext } from "react";
import type { PublicAuthConfig } from "@/lib/api/public-auth-config";

const AuthConfigContext = createContext<PublicAuthConfig | null>(null);

export const AuthConfigProvider = AuthConfigContext.Provider;

/** The public auth config the server rendered this page with. */
export function useAuthConfig(): PublicAuthConfig {
  const config = useContext(AuthConfigContext);
  if (!config) throw new Error("useAuthConfig must be used inside <Providers>.");
  return config;
}
