/** Where an admin opens a directory object in Microsoft's portals (the pages an admin fixes it on). */
const PORTAL = {
  user: (id: string) =>
    `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${encodeURIComponent(id)}`,
  group: (id: string) =>
    `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Overview/groupId/${encodeURIComponent(id)}`,
  // Contacts are managed in Exchange, whose admin center has no documented link to one contact: its list.
  orgContact: () => "https://admin.exchange.microsoft.com/#/contacts",
} as const;

export type PortalObject = keyof typeof PORTAL;

export const portalLink = (type: PortalObject, id: string): string => PORTAL[type](id);

export const portalName = (type: PortalObject): string =>
  type === "orgContact" ? "Exchange admin center" : "Microsoft Entra admin center";
