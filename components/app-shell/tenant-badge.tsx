"use client";

import { Badge } from "@/components/ui/badge";
import { useAuthConfig } from "@/lib/client/auth-config-context";

/** Says which directory the app is signed in against: the emulator's demo tenant or a real one. */
export function TenantBadge() {
  const { mode, tenantDisplayName, tenantId } = useAuthConfig();
  if (mode === "emulator") {
    return (
      <Badge
        variant="demo"
        title={`${tenantDisplayName} (${tenantId}), served by the local emulator`}
      >
        Demo tenant (emulator)
      </Badge>
    );
  }
  return (
    <Badge variant="tenant" title={tenantId}>
      {tenantDisplayName}
    </Badge>
  );
}
