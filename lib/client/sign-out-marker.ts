// A silent token renewal still in flight when Sign out leaves the page can write its token back into
// MSAL's cache after logout cleared it; the tab would come back signed in. So Sign out leaves a mark,
// and the next page load forgets everything this tab kept before MSAL reads it.
const KEY = "licensedesk.signingOut";

export function markSigningOut(): void {
  sessionStorage.setItem(KEY, "1");
}

/** On the page load after a sign-out: empties the tab's session storage (MSAL's cache with it). */
export function finishSigningOut(): void {
  if (sessionStorage.getItem(KEY) !== null) sessionStorage.clear();
}
