/** The app roles the Licensedesk API defines (value → display name), as registered in the tenant. */
export const APP_ROLES = {
  "Licensedesk.Operator": "Licensedesk operator",
  "Licensedesk.Reader": "Licensedesk reader",
} as const;

export type AppRoleValue = keyof typeof APP_ROLES;

export const appRoleDisplayName = (value: string): string =>
  value in APP_ROLES ? APP_ROLES[value as AppRoleValue] : value;
