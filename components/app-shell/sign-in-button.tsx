"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { useAuthConfig } from "@/lib/client/auth-config-context";
import { loginRequest } from "@/lib/client/msal";

/** Starts the redirect sign-in; disabled while MSAL is busy with another interaction. */
export function SignInButton(props: Omit<ComponentProps<typeof Button>, "onClick">) {
  const { instance, inProgress } = useMsal();
  const config = useAuthConfig();
  return (
    <Button
      {...props}
      disabled={inProgress !== InteractionStatus.None}
      onClick={() => void instance.loginRedirect(loginRequest(config))}
    >
      Sign in
    </Button>
  );
}
