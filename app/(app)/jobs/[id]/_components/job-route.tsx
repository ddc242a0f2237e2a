"use client";

import { SignedInOnly } from "@/components/app-shell/signed-in-only";
import { JobDetails } from "./job-details";

/** The job page for signed-in admins; a sign-in prompt for everyone else. */
export function JobRoute({ jobId }: { jobId: string }) {
  return (
    <SignedInOnly signInTitle="Sign in to see this job">
      <JobDetails jobId={jobId} />
    </SignedInOnly>
  );
}
