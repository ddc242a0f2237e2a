import { countryName, USAGE_LOCATIONS } from "@/lib/api/usage-locations";

export interface Country {
  /** ISO 3166-1 alpha-2, the form Graph's usageLocation takes. */
  code: string;
  name: string;
}

/** Every country a usage location may name, sorted by English name. */
export const COUNTRIES: Country[] = USAGE_LOCATIONS.map((code) => ({
  code,
  name: countryName(code),
})).sort((a, b) => a.name.localeCompare(b.name, "en"));

/** "United States (US)", or the bare code when it names no country. */
export function countryLabel(code: string | null): string {
  if (!code) return "Not set";
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}
