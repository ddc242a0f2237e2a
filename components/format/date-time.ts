const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** An API timestamp as a date and time in the admin's locale; a dash when there is none. */
export const formatDateTime = (iso: string | null): string =>
  iso ? dateTimeFormat.format(new Date(iso)) : "—";

/** An API timestamp as a date in the admin's locale; a dash when there is none. */
export const formatDate = (iso: string | null): string =>
  iso ? dateFormat.format(new Date(iso)) : "—";
