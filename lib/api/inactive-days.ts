/** How long without a sign-in makes a seat's holder inactive: the bounds both sides check. */
export const INACTIVE_DAYS = { min: 7, max: 730, default: 90 } as const;

export const INACTIVE_DAYS_MESSAGE = `Give a whole number of days from ${INACTIVE_DAYS.min} to ${INACTIVE_DAYS.max}.`;

/** Whether the admin's entry is a number of days the API takes. */
export const isInactiveDays = (days: number): boolean =>
  Number.isInteger(days) && days >= INACTIVE_DAYS.min && days <= INACTIVE_DAYS.max;
