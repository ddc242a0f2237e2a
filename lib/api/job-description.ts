export const MAX_JOB_DESCRIPTION = 300;

/** The browser's words for a selection, made fit for a job: a tab or newline pasted into a search becomes a space. */
export const jobDescription = (text: string): string | undefined =>
  text
    .replace(/\p{Cc}+/gu, " ")
    .trim()
    .slice(0, MAX_JOB_DESCRIPTION) || undefined;
