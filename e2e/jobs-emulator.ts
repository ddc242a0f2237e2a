import { type APIRequestContext, expect } from "@playwright/test";

/** A generated tenant: same sign-in accounts as the demo, `usersInError` spread over six causes. */
export interface GenerateOptions {
  users: number;
  groups: number;
  usersInError: number;
  seed: number;
}

/** The emulator's control API for the bulk stories: a bigger tenant, causes fixed, Graph slowed. */
export class JobsEmulator {
  constructor(private readonly request: APIRequestContext) {}

  private async call(method: "PATCH" | "POST" | "PUT", path: string, data: unknown) {
    const res = await this.request.fetch(path, { method, data });
    expect(res.ok(), `${method} ${path} answered ${res.status()}: ${await res.text()}`).toBe(true);
  }

  async generate(options: GenerateOptions): Promise<void> {
    await this.call("POST", "/_emulator/generate", options);
  }

  /** Removes the "Other" cause of one user, so a reprocess can resolve them. */
  async unblock(user: string): Promise<void> {
    await this.call("PATCH", `/_emulator/users/${encodeURIComponent(user)}`, {
      blockedForOtherReason: false,
    });
  }

  /** Every Graph answer takes this long, so progress can be watched. */
  async setLatency(ms: number): Promise<void> {
    await this.call("PUT", "/_emulator/latency", { ms });
  }
}
