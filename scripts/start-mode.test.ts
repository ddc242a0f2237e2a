import { describe, expect, it } from "vitest";
import { chooseStartMode } from "./start-mode";

const AZURE = {
  AZURE_TENANT_ID: "11111111-1111-1111-1111-111111111111",
  AZURE_SPA_CLIENT_ID: "22222222-2222-2222-2222-222222222222",
  AZURE_API_CLIENT_ID: "33333333-3333-3333-3333-333333333333",
  AZURE_API_CLIENT_SECRET: "secret",
};

describe("what npm start runs", () => {
  it("runs the demo on the emulator, and says so, when no Azure setting is present", () => {
    const mode = chooseStartMode({ AZURE_TENANT_ID: "" });
    expect(mode.kind).toBe("demo");
    expect(mode).toMatchObject({
      banner: expect.stringContaining("DEMO on the embedded emulator"),
    });
  });

  it("runs the app alone against the tenant when all four Azure settings are present", () => {
    expect(chooseStartMode(AZURE)).toMatchObject({
      kind: "entra",
      banner: expect.stringContaining(AZURE.AZURE_TENANT_ID),
    });
  });

  it("refuses, naming what is missing, when some Azure settings are present, instead of falling back to the demo", () => {
    const mode = chooseStartMode({ ...AZURE, AZURE_API_CLIENT_SECRET: "" });
    expect(mode).toEqual({
      kind: "refused",
      reason: expect.stringContaining("AZURE_API_CLIENT_SECRET missing"),
    });
  });

  it("refuses the demo when LICENSEDESK_ALLOW_EMULATOR=0 forbids it", () => {
    expect(chooseStartMode({ LICENSEDESK_ALLOW_EMULATOR: "0" }).kind).toBe("refused");
  });
});
