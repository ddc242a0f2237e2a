import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";
import { isUsageLocation } from "@/lib/api/reprocess";

// The browser build ships no names; English is the one the UI speaks.
countries.registerLocale(english);

export interface Country {
  /** ISO 3166-1 alpha-2, the form Graph's usageLocation takes. */
  code: string;
  name: string;
}

/** Every country a usage location may name, sorted by English name. */
export const COUNTRIES: Country[] = Object.entries(countries.getNames("en", { select: "official" }))
  .map(([code, name]) => ({ code, name }))
  .filter((country) => isUsageLocation(country.code))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

/** "United States (US)", or the bare code when the list does not know it. */
export function countryLabel(code: string | null): string {
  if (!code) return "Not set";
  const name = countries.getName(code, "en");
  return name ? `${name} (${code})` : code;
}
