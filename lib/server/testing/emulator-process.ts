import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

const BANNER = /Licensedesk emulator for tenant .* on (http:\/\/\S+)/;

export interface EmulatorProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts `emulator/src/main.ts` as its own process on a free port: the app meets it over HTTP only. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "emulator/src/main.ts"], {
    env: { ...process.env, EMULATOR_PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the emulator exited with code ${code}`)));
    lines.on("line", (line) => {
      const match = BANNER.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
