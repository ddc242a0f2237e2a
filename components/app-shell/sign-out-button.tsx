"use client";

import { useMsal } from "@azure/msal-react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";

/** Signs out at the identity platform too, then returns to the landing page. */
export function SignOutButton() {
  const { instance } = useMsal();
  const queryClient = useQueryClient();
  return (
    <Button
      variant="outline"
      size="sm"
      onClick={() => {
        queryClient.clear();
        void instance.logoutRedirect({ account: instance.getActiveAccount() });
      }}
    >
      Sign out
    </Button>
  );
}
