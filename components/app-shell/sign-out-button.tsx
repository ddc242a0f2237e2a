"use client";

import { useMsal } from "@azure/msal-react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { markSigningOut } from "@/lib/client/sign-out-marker";

/**
 * Signs out at the identity platform too, then returns to the landing page. Should MSAL refuse to
 * leave (another interaction holds the page), the landing page still signs the tab out.
 */
export function SignOutButton() {
  const { instance } = useMsal();
  const queryClient = useQueryClient();
  return (
    <Button
      variant="outline"
      size="sm"
      onClick={() => {
        queryClient.clear();
        markSigningOut();
        instance
          .logoutRedirect({ account: instance.getActiveAccount() })
          // A full load, not a client navigation: the fresh page forgets what the tab kept.
          .catch(() => window.location.assign(new URL("/", window.location.href).href));
      }}
    >
      Sign out
    </Button>
  );
}
