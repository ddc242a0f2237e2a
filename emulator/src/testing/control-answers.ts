import type { describeState, describeUserLicensing } from "../licensing/summary";

/** `GET /_emulator/state` as it arrives over HTTP. */
export type StateAnswer = ReturnType<typeof describeState>;

/** `GET /_emulator/users/{user}`, and every control route that answers a user. */
export type UserAnswer = ReturnType<typeof describeUserLicensing>;

/** The control API's `{ error: { code, message } }`. */
export const controlErrorOf = (res: { body: unknown }) =>
  (res.body as { error: { code: string; message: string } }).error;
