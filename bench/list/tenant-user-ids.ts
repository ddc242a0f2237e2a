// Every user id in the emulator's tenant, read over Graph as the daemon app: the control API lists only those in error.
import type { EmulatorControl } from "@/lib/testing/emulator-control";

interface UsersPage {
  value: { id: string }[];
  "@odata.nextLink"?: string;
}

/** The ids of the tenant's users in directory order, through `/users` pages of 999. */
export async function tenantUserIds(emulator: EmulatorControl): Promise<string[]> {
  const { graphBaseUrl } = await emulator.tenant();
  const { token } = await emulator.mint({ kind: "graph-app" });
  const ids: string[] = [];
  let next: string | undefined = `${graphBaseUrl}/users?$select=id&$top=999`;
  while (next) {
    const res = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${next} answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as UsersPage;
    ids.push(...page.value.map((user) => user.id));
    next = page["@odata.nextLink"];
  }
  return ids;
}
