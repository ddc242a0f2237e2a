import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

const BANNER = /Licensedesk emulator for tenant .* on (http:\/\/\S+)/;
/** Lines of the emulator's output kept for failure messages. */
const KEPT_LINES = 200;

export interface EmulatorProcess {
  url: string;
  /** What the emulator printed (its last lines): kept, not shown, so a passing run stays quiet. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `emulator/src/main.ts` as its own process on a free port: the app meets it over HTTP only. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "emulator/src/main.ts"], {
    env: { ...process.env, EMULATOR_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const kept: string[] = [];
  const keep = (line: string) => {
    kept.push(line);
    if (kept.length > KEPT_LINES) kept.shift();
  };
  const output = () => kept.join("\n");
  createInterface({ input: child.stderr! }).on("line", keep);
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`The emulator exited with code ${code}:\n${output()}`)),
    );
    createInterface({ input: child.stdout! }).on("line", (line) => {
      keep(line);
      const match = BANNER.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });
  return {
    url,
    output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
