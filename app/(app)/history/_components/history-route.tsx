"use client";

import { Suspense } from "react";
import { SignedInOnly } from "@/components/app-shell/signed-in-only";
import { HistoryView } from "./history-view";

/** The history for signed-in admins; a sign-in prompt for everyone else. */
export function HistoryRoute() {
  return (
    <SignedInOnly signInTitle="Sign in to see the history">
      {/* The filters live in the URL, read on the client. */}
      <Suspense>
        <HistoryView />
      </Suspense>
    </SignedInOnly>
  );
}
