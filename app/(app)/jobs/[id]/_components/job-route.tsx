"use client";

import { AuthenticatedTemplate, UnauthenticatedTemplate } from "@azure/msal-react";
import { SignInButton } from "@/components/app-shell/sign-in-button";
import { JobDetails } from "./job-details";

/** The job page for signed-in admins; a sign-in prompt for everyone else. */
export function JobRoute({ jobId }: { jobId: string }) {
  return (
    <>
      <AuthenticatedTemplate>
        <JobDetails jobId={jobId} />
      </AuthenticatedTemplate>
      <UnauthenticatedTemplate>
        <section className="flex flex-col items-center gap-4 py-16 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to see this job</h1>
          <SignInButton />
        </section>
      </UnauthenticatedTemplate>
    </>
  );
}
