import { describe, expect, it } from "vitest";
import { emulatorPerFile } from "../testing/emulator";
import { graphToken } from "../testing/graph-tokens";
import { callEmulator } from "../testing/http";
import { buildTenant } from "../seed/build";

const emu = emulatorPerFile({
  tenant: () =>
    buildTenant({
      tenant: { displayName: "Fabrikam", defaultDomain: "fabrikam.test" },
      contacts: [
        { displayName: "Ada Partner", mail: "ada@partner.test", companyName: "Partner Ltd" },
        {
          displayName: "Old Helpdesk",
          mail: "helpdesk@vendor.test",
          proxyAddresses: ["SMTP:helpdesk@vendor.test", "smtp:support@fabrikam.test"],
        },
      ],
    }),
});

const contactsWith = (token: string, query = "") =>
  callEmulator(emu, `/v1.0/contacts${query}`, { token });

const names = (body: { value?: { displayName: string }[] }) =>
  (body.value ?? []).map((c) => c.displayName);

describe("GET /contacts", () => {
  it("lists organizational contacts with their addresses, typed as orgContact", async () => {
    const token = await graphToken(emu.state, { permissions: ["OrgContact.Read.All"] });
    const res = await contactsWith(token);
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toMatch(/\$metadata#contacts$/);
    expect(res.body.value[0]).toMatchObject({
      displayName: "Ada Partner",
      mail: "ada@partner.test",
      companyName: "Partner Ltd",
      proxyAddresses: ["SMTP:ada@partner.test"],
    });
  });

  it("finds the contact that holds an address with proxyAddresses/any()", async () => {
    const token = await graphToken(emu.state, { permissions: ["Directory.Read.All"] });
    const filter = encodeURIComponent("proxyAddresses/any(x:x eq 'smtp:SUPPORT@fabrikam.test')");
    const res = await contactsWith(token, `?$filter=${filter}`);
    expect(names(res.body)).toEqual(["Old Helpdesk"]);
  });

  it("refuses an app without a contacts permission, as Graph does", async () => {
    const token = await graphToken(emu.state, { permissions: ["User.Read.All"] });
    const res = await contactsWith(token);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("Authorization_RequestDenied");
  });

  it("refuses a delegated License Administrator and answers a Directory Reader", async () => {
    const as = (roles: ("License Administrator" | "Directory Readers")[]) =>
      graphToken(emu.state, { kind: "delegated", permissions: ["OrgContact.Read.All"], roles });
    expect((await contactsWith(await as(["License Administrator"]))).status).toBe(403);
    expect((await contactsWith(await as(["Directory Readers"]))).status).toBe(200);
  });

  it("answers an unknown contact with 404", async () => {
    const token = await graphToken(emu.state, { permissions: ["OrgContact.Read.All"] });
    const res = await contactsWith(token, "/9d5f2a1b-0000-4000-8000-000000000000");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("Request_ResourceNotFound");
  });
});
