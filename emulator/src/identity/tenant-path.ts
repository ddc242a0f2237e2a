import type { EmulatorState } from "../state";
import type { Tenant } from "../tenant/model";

/** The `{tenant}` path segment resolved to the emulator's single tenant. */
export interface TenantPath {
  tenant: Tenant;
  /** The segment as the caller wrote it. */
  segment: string;
  /** The segment endpoints are published under: the tenant id, or `common` / `organizations`. */
  published: string;
}

const MULTI_TENANT_SEGMENTS = ["common", "organizations"];

/** Accepts the tenant GUID, its default domain, `common` and `organizations`, as Entra does. */
export function resolveTenantPath(state: EmulatorState, segment: string): TenantPath | undefined {
  const { tenant } = state;
  const lower = segment.toLowerCase();
  if (MULTI_TENANT_SEGMENTS.includes(lower)) return { tenant, segment, published: lower };
  if (lower === tenant.id.toLowerCase() || lower === tenant.defaultDomain.toLowerCase()) {
    return { tenant, segment, published: tenant.id };
  }
  return undefined;
}
