import { NavigationClient, type NavigationOptions } from "@azure/msal-browser";
import type { useRouter } from "next/navigation";

type AppRouter = ReturnType<typeof useRouter>;

/** Sends MSAL's in-app navigations through the Next router instead of reloading the page. */
export class NextNavigationClient extends NavigationClient {
  constructor(private readonly router: AppRouter) {
    super();
  }

  override async navigateInternal(url: string, options: NavigationOptions): Promise<boolean> {
    const target = new URL(url, window.location.href);
    if (target.origin !== window.location.origin) return super.navigateInternal(url, options);
    const path = `${target.pathname}${target.search}${target.hash}`;
    if (options.noHistory) this.router.replace(path);
    else this.router.push(path);
    // false tells MSAL the page was not reloaded.
    return false;
  }
}
