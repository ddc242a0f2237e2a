"use client";

import { AuthenticatedTemplate, UnauthenticatedTemplate } from "@azure/msal-react";
import { Suspense } from "react";
import { SignInButton } from "@/components/app-shell/sign-in-button";
import { HistoryView } from "./history-view";

/** The history for signed-in admins; a sign-in prompt for everyone else. */
export function HistoryRoute() {
  return (
    <>
      <AuthenticatedTemplate>
        {/* The filters live in the URL, read on the client. */}
        <Suspense>
          <HistoryView />
        </Suspense>
      </AuthenticatedTemplate>
      <UnauthenticatedTemplate>
        <section className="flex flex-col items-center gap-4 py-16 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to see the history</h1>
          <SignInButton />
        </section>
      </UnauthenticatedTemplate>
    </>
  );
}
