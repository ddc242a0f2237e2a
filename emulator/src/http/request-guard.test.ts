import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";

const emu = emulatorPerFile();

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** One request with exactly these headers, Host included (fetch would set its own). */
function raw(
  path: string,
  headers: Record<string, string>,
  method = "GET",
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: emu.port, path, method, headers, setHost: false },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const ownHost = () => `127.0.0.1:${emu.port}`;
const APP_ORIGIN = "http://localhost:3000";
const tokenPath = () => `/${emu.state.tenant.id}/oauth2/v2.0/token`;
const tokenForm = new URLSearchParams({ grant_type: "refresh_token", client_id: "x" }).toString();
const formHeaders = { "content-type": "application/x-www-form-urlencoded" };

describe("Host header (DNS rebinding)", () => {
  it("answers loopback names on its own port", async () => {
    for (const host of [ownHost(), `localhost:${emu.port}`, `[::1]:${emu.port}`]) {
      expect((await raw("/_emulator/tenant", { host })).status, host).toBe(200);
    }
  });

  it("refuses any other name or port with 421, before any route answers", async () => {
    for (const host of [
      `rebind.attacker.example:${emu.port}`,
      `127.0.0.1.attacker.example:${emu.port}`,
      `localhost.attacker.example:${emu.port}`,
      `127.0.0.1:${emu.port + 1}`,
      "127.0.0.1",
      `192.168.1.20:${emu.port}`,
    ]) {
      expect((await raw("/_emulator/tenant", { host })).status, host).toBe(421);
      expect((await raw(`/${emu.state.tenant.id}/discovery/v2.0/keys`, { host })).status).toBe(421);
    }
  });
});

describe("the control API never answers cross-origin", () => {
  it("answers a caller without an Origin (tests, the developer's address bar)", async () => {
    const answer = await raw("/_emulator/tenant", { host: ownHost(), "sec-fetch-site": "none" });
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("refuses a page of another origin, even the app's own, and grants it no CORS", async () => {
    for (const origin of ["http://attacker.example", APP_ORIGIN, "null"]) {
      const answer = await raw("/_emulator/tenant", { host: ownHost(), origin });
      expect(answer.status, origin).toBe(403);
      expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    }
  });

  it("refuses a cross-site request that carries no Origin (an image or script tag)", async () => {
    const answer = await raw("/_emulator/tenant", {
      host: ownHost(),
      "sec-fetch-site": "cross-site",
    });
    expect(answer.status).toBe(403);
  });

  it("refuses a cross-origin form post that would change the tenant", async () => {
    const answer = await raw(
      "/_emulator/reset",
      { host: ownHost(), origin: "http://attacker.example", ...formHeaders },
      "POST",
      "x=1",
    );
    expect(answer.status).toBe(403);
  });

  it("refuses preflights to the control API", async () => {
    const answer = await raw(
      "/_emulator/tenant",
      { host: ownHost(), origin: APP_ORIGIN, "access-control-request-method": "GET" },
      "OPTIONS",
    );
    expect(answer.status).toBe(403);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("CORS on identity and Graph endpoints", () => {
  it("lets the app's registered origin read the token endpoint's answers, with credentials", async () => {
    const answer = await raw(
      tokenPath(),
      { host: ownHost(), origin: APP_ORIGIN, ...formHeaders },
      "POST",
      tokenForm,
    );
    expect(answer.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    expect(answer.headers["access-control-allow-credentials"]).toBe("true");
  });

  it("does not let any other origin read them", async () => {
    for (const origin of ["http://attacker.example", "http://localhost:3001", "null"]) {
      const answer = await raw(
        tokenPath(),
        { host: ownHost(), origin, ...formHeaders },
        "POST",
        tokenForm,
      );
      expect(answer.headers["access-control-allow-origin"], origin).toBeUndefined();
      expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
    }
  });

  it("answers preflights from the app's origin and refuses others", async () => {
    const preflight = (origin: string) =>
      raw(
        "/v1.0/me",
        { host: ownHost(), origin, "access-control-request-method": "GET" },
        "OPTIONS",
      );
    const allowed = await preflight(APP_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    const refused = await preflight("http://attacker.example");
    expect(refused.status).toBe(403);
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("follows the tenant's registered SPA origins when the tenant changes", async () => {
    const spa = emu.state.tenant.apps.find((app) => app.kind === "spa");
    if (!spa) throw new Error("the demo tenant has a SPA registration");
    const before = [...spa.redirectUris];
    spa.redirectUris.push("http://127.0.0.1:3999/redirect", "https://attacker.example/redirect");
    try {
      const read = async (origin: string) =>
        (await raw(tokenPath(), { host: ownHost(), origin, ...formHeaders }, "POST", tokenForm))
          .headers["access-control-allow-origin"];
      expect(await read("http://127.0.0.1:3999")).toBe("http://127.0.0.1:3999");
      // A registered origin off this machine stays refused: the emulator serves loopback only.
      expect(await read("https://attacker.example")).toBeUndefined();
    } finally {
      spa.redirectUris.splice(0, spa.redirectUris.length, ...before);
    }
  });
});
