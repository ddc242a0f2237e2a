// `npm start`: builds, then runs the demo (emulator + app) or, with Azure settings, the app alone.
import nextEnv from "@next/env";
import { concurrently } from "concurrently";
import { chooseStartMode } from "./start-mode";

// The same files, in the same order, as `next start` reads: .env.production.local, .env.local, …
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
const mode = chooseStartMode(process.env);
if (mode.kind === "refused") {
  console.error(`npm start: ${mode.reason}`);
  process.exit(1);
}
console.log(`npm start: ${mode.banner}`);

const app = {
  name: "app",
  prefixColor: "magenta",
  // `serve` is `next start` with the server's heap bound (package.json, README's Performance).
  command: "npm run serve -- --hostname 127.0.0.1 --port 3000",
  env: {
    // The production server refuses emulator mode unless told this run is the demo.
    ...(mode.kind === "demo" ? { LICENSEDESK_ALLOW_EMULATOR: "1" } : {}),
  },
};
const emulator = { name: "emulator", prefixColor: "cyan", command: "npm:emulator" };
const { result } = concurrently(mode.kind === "demo" ? [emulator, app] : [app], {
  killOthersOn: ["failure", "success"],
});
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
