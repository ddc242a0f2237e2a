"use client";

import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { NextNavigationClient } from "@/lib/client/navigation-client";

// React runs effects twice in development; the response must be handed over once.
let handedOver = false;

/**
 * MSAL's redirect bridge: the identity platform sends the browser (or MSAL's hidden iframe) here,
 * and this page hands the response to the window that asked. It lives outside the MsalProvider so
 * that no MSAL instance consumes the response first.
 */
export default function RedirectBridgePage() {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (handedOver) return;
    handedOver = true;
    broadcastResponseToMainFrame(new NextNavigationClient(router)).catch((error: unknown) => {
      setFailure(error instanceof Error ? error.message : String(error));
    });
  }, [router]);
  return (
    <main className="grid min-h-dvh place-items-center p-6 text-center text-sm text-zinc-500">
      {failure ? (
        <p role="alert">
          Sign-in could not be completed: {failure}{" "}
          <Link className="underline" href="/">
            Back to Licensedesk
          </Link>
        </p>
      ) : (
        <p role="status">Completing sign-in…</p>
      )}
    </main>
  );
}
