import "server-only";

/** No Graph token can be had for the job now (its creator's sign-in expired): the job waits, nothing fails. */
export class JobCredentialsUnavailableError extends Error {
  override name = "JobCredentialsUnavailableError";

  constructor(
    readonly jobId: string,
    message = `No Microsoft Graph credentials for job ${jobId} until its creator signs in again.`,
  ) {
    super(message);
  }
}
