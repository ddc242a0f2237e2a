import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "../configuration-error";
import { startTestEmulator, type TestEmulator } from "../testing/emulator";
import { loadNamesCsv, parseNamesCsv } from "./csv";
import { createLicenseNames } from "./resolver";
import { PLAN_NAMES, PRODUCT_NAMES } from "./table";

const FIXTURE = fileURLToPath(new URL("./fixtures/product-names.csv", import.meta.url));
const WIDGET = "0f0e0d0c-0b0a-4908-8706-050403020100";
const WIDGET_PLAN = "99999999-8888-4777-8666-555555555555";

const HEADER =
  "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names";

function configurationError(text: string): ConfigurationError {
  try {
    parseNamesCsv(text, "/etc/names.csv");
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("Microsoft's product-names CSV", () => {
  it("loads products and plans from the file, tolerating a BOM, `String_ Id`, CRLF and padding", async () => {
    const names = await loadNamesCsv(FIXTURE);
    expect(names.products.get(WIDGET)).toEqual({
      name: "Contoso Widget, Premium",
      partNumber: "CONTOSO_WIDGET_P",
    });
    expect(names.products.get("a403ebcc-fae0-4ca2-8c8c-7a907fd6c235")).toEqual({
      name: "Microsoft Fabric (Free)",
      partNumber: "POWER_BI_STANDARD",
    });
    expect(names.plans.get(WIDGET_PLAN)).toBe("Widget Core Service");
    expect(names.plans.size).toBe(3);
  });

  it("names a missing file in a configuration error", async () => {
    const missing = join(tmpdir(), "licensedesk-no-such-file.csv");
    await expect(loadNamesCsv(missing)).rejects.toThrow(
      new RegExp(
        `^LICENSE_NAMES_CSV \\(${missing.replaceAll(".", "\\.")}\\) cannot be used: ENOENT`,
      ),
    );
  });

  it("refuses a file without the expected columns", async () => {
    const path = join(tmpdir(), `licensedesk-names-${process.pid}.csv`);
    await writeFile(path, "Name,Id\nOffice,123\n");
    await expect(loadNamesCsv(path)).rejects.toBeInstanceOf(ConfigurationError);
    await rm(path, { force: true });
    expect(configurationError("Name,Id\nOffice,123\n").message).toContain(
      "the columns product_display_name, string_id, guid",
    );
  });

  it("refuses a row without a product GUID and an empty file", () => {
    expect(
      configurationError(`${HEADER}\nOffice 365 E3,ENTERPRISEPACK,not-a-guid,X,Y,Z\n`).message,
    ).toContain("line 2 has no product GUID");
    expect(configurationError(`${HEADER}\n`).message).toContain("it has no rows");
  });
});

describe("createLicenseNames", () => {
  const sku = {
    skuId: WIDGET,
    skuPartNumber: "CONTOSO_WIDGET_P",
    capabilityStatus: "Enabled",
    consumedUnits: 1,
    prepaidUnits: { enabled: 5 },
    servicePlans: [{ servicePlanId: WIDGET_PLAN, servicePlanName: "WIDGET_CORE" }],
  };

  it("prefers the project's table, then the CSV, then Graph's part and plan names, then the id", async () => {
    const csv = await loadNamesCsv(FIXTURE);
    const withCsv = createLicenseNames([sku], csv);
    const graphOnly = createLicenseNames([sku], undefined);
    expect(withCsv.product("a403ebcc-fae0-4ca2-8c8c-7a907fd6c235")).toBe("Power BI (free)");
    expect(withCsv.product(WIDGET.toUpperCase())).toBe("Contoso Widget, Premium");
    expect(graphOnly.product(WIDGET)).toBe("CONTOSO_WIDGET_P");
    expect(withCsv.plan(WIDGET_PLAN)).toBe("Widget Core Service");
    expect(graphOnly.plan(WIDGET_PLAN)).toBe("WIDGET_CORE");
    expect(graphOnly.product("00000000-0000-4000-8000-000000000000")).toBe(
      "00000000-0000-4000-8000-000000000000",
    );
    expect(graphOnly.partNumber("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("the project's table", () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(() => t.close());

  it("names every product and service plan the emulator's tenant subscribes to", async () => {
    const token = await t.mint({ kind: "graph-app" });
    const res = await fetch(`${t.url}/v1.0/subscribedSkus`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { value } = (await res.json()) as {
      value: { skuId: string; servicePlans: { servicePlanId: string }[] }[];
    };
    expect(value.length).toBeGreaterThan(5);
    expect(value.map((s) => s.skuId).filter((id) => !PRODUCT_NAMES.has(id))).toEqual([]);
    const plans = value.flatMap((s) => s.servicePlans.map((p) => p.servicePlanId));
    expect(plans.filter((id) => !PLAN_NAMES.has(id))).toEqual([]);
  });
});
