import {
  type AccountInfo,
  type EventMessage,
  EventType,
  type INavigationClient,
  PublicClientApplication,
  type RedirectRequest,
} from "@azure/msal-browser";
import type { PublicAuthConfig } from "@/lib/api/public-auth-config";
import { finishSigningOut } from "./sign-out-marker";

function createMsalInstance(
  config: PublicAuthConfig,
  navigationClient: INavigationClient,
): PublicClientApplication {
  const instance = new PublicClientApplication({
    auth: {
      clientId: config.spaClientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      authorityMetadata: config.authorityMetadata,
      redirectUri: config.redirectPath,
      postLogoutRedirectUri: config.postLogoutRedirectPath,
    },
    cache: { cacheLocation: "sessionStorage" },
    system: { navigationClient },
  });
  instance.addEventCallback((event: EventMessage) => {
    // In msal-browser 5 the LOGIN_SUCCESS payload is the account itself.
    if (event.eventType === EventType.LOGIN_SUCCESS && event.payload) {
      instance.setActiveAccount(event.payload as AccountInfo);
    }
  });
  return instance;
}

let browserInstance: { key: string; instance: PublicClientApplication } | undefined;

/** One MSAL instance per page in the browser (a second one would race the first for the cache). */
export function getMsalInstance(
  config: PublicAuthConfig,
  navigationClient: INavigationClient,
): PublicClientApplication {
  if (typeof window === "undefined") return createMsalInstance(config, navigationClient);
  const key = JSON.stringify(config);
  if (browserInstance?.key !== key) {
    finishSigningOut();
    browserInstance = { key, instance: createMsalInstance(config, navigationClient) };
  }
  return browserInstance.instance;
}

/** Sign-in asks for the API scope up front, so the first API call needs no second round trip. */
export const loginRequest = (config: PublicAuthConfig): RedirectRequest => ({
  scopes: [config.apiScope],
});
