/** Where the e2e run serves the emulator and the app; ports apart from `npm run dev`'s 4010 and 3000. */
export const EMULATOR_PORT = 4110;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
// Same site as the emulator (127.0.0.1): its SameSite=Lax session cookie must reach MSAL's hidden
// iframe for silent renewal, and from a localhost page that iframe would be cross-site.
export const APP_URL = "http://127.0.0.1:3100";
