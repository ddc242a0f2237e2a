import { startEmulator } from "./server";

// Standalone entry: `npm run emulator`. Port from EMULATOR_PORT (default 4010), loopback only.
const port = Number(process.env.EMULATOR_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`EMULATOR_PORT must be a port number, got '${process.env.EMULATOR_PORT}'.`);
  process.exit(1);
}

const emulator = await startEmulator({ port, host: process.env.EMULATOR_HOST ?? "127.0.0.1" });
const { tenant } = emulator.state;
console.log(
  `Licensedesk emulator for tenant ${tenant.displayName} (${tenant.id}) on ${emulator.url}`,
);
console.log(`  sign-in accounts and app registrations: ${emulator.url}/_emulator/tenant`);

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
