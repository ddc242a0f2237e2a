import "server-only";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { ConfigurationError } from "../configuration-error";

/** Names taken from Microsoft's product-names CSV, one entry per product and per plan. */
export interface CsvNames {
  products: Map<string, { name: string; partNumber: string }>;
  plans: Map<string, string>;
}

const COLUMNS = {
  productName: "product_display_name",
  partNumber: "string_id",
  skuId: "guid",
  planName: "service_plan_name",
  planId: "service_plan_id",
  planFriendlyName: "service_plans_included_friendly_names",
} as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Older copies spell a header `String_ Id`; some start with a BOM or pad with spaces.
const normalizeHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, "")
    .replace(/\s+/g, "")
    .toLowerCase();

const problem = (path: string, message: string) =>
  new ConfigurationError(
    `LICENSE_NAMES_CSV (${path}) cannot be used: ${message}`,
    'Point LICENSE_NAMES_CSV at Microsoft\'s "Product names and service plan identifiers for licensing" CSV, or unset it.',
  );

/** Parses the CSV text; throws a ConfigurationError naming the first problem. */
export function parseNamesCsv(text: string, path: string): CsvNames {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      bom: true,
      columns: (headers: string[]) => headers.map(normalizeHeader),
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw problem(path, error instanceof Error ? error.message : String(error));
  }
  const first = records[0];
  if (!first) throw problem(path, "it has no rows.");
  const missing = Object.values(COLUMNS).filter((column) => !(column in first));
  if (missing.length > 0) throw problem(path, `the columns ${missing.join(", ")} are missing.`);

  const names: CsvNames = { products: new Map(), plans: new Map() };
  records.forEach((record, index) => {
    const skuId = record[COLUMNS.skuId] ?? "";
    const planId = record[COLUMNS.planId] ?? "";
    // Row 1 is the header, so data row i is line i + 2.
    if (!GUID.test(skuId)) throw problem(path, `line ${index + 2} has no product GUID.`);
    names.products.set(skuId.toLowerCase(), {
      name: record[COLUMNS.productName] || (record[COLUMNS.partNumber] ?? skuId),
      partNumber: record[COLUMNS.partNumber] ?? "",
    });
    if (GUID.test(planId)) {
      names.plans.set(
        planId.toLowerCase(),
        record[COLUMNS.planFriendlyName] || (record[COLUMNS.planName] ?? planId),
      );
    }
  });
  return names;
}

/** Reads and parses the CSV at `path`. */
export async function loadNamesCsv(path: string): Promise<CsvNames> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw problem(path, error instanceof Error ? error.message : String(error));
  }
  return parseNamesCsv(text, path);
}
