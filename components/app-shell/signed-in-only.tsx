"use client";

import { AuthenticatedTemplate, UnauthenticatedTemplate } from "@azure/msal-react";
import type { ReactNode } from "react";
import { SignInButton } from "./sign-in-button";

/** A page's content for signed-in admins; for everyone else, a heading saying what signing in shows, and the button. */
export function SignedInOnly({
  signInTitle,
  children,
}: {
  signInTitle: string;
  children: ReactNode;
}) {
  return (
    <>
      <AuthenticatedTemplate>{children}</AuthenticatedTemplate>
      <UnauthenticatedTemplate>
        <section className="flex flex-col items-center gap-4 py-16 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">{signInTitle}</h1>
          <SignInButton />
        </section>
      </UnauthenticatedTemplate>
    </>
  );
}
