"use client";

import { InteractionStatus } from "@azure/msal-browser";
import {
  AuthenticatedTemplate,
  UnauthenticatedTemplate,
  useIsAuthenticated,
  useMsal,
} from "@azure/msal-react";
import { useLoginError } from "@/lib/client/use-login-error";
import { SignedInHome } from "./signed-in-home";
import { SignedOutLanding } from "./signed-out-landing";

const RESOLVING = new Set<InteractionStatus>([
  InteractionStatus.Startup,
  InteractionStatus.HandleRedirect,
]);

/** The landing page for visitors, the access overview for signed-in admins. */
export function Home() {
  const { inProgress } = useMsal();
  const isAuthenticated = useIsAuthenticated();
  const loginError = useLoginError();
  return (
    <>
      <AuthenticatedTemplate>
        <SignedInHome />
      </AuthenticatedTemplate>
      <UnauthenticatedTemplate>
        <SignedOutLanding loginError={loginError} />
      </UnauthenticatedTemplate>
      {!isAuthenticated && RESOLVING.has(inProgress) && (
        <p role="status" className="py-24 text-center text-sm text-zinc-500">
          Checking your sign-in…
        </p>
      )}
    </>
  );
}
