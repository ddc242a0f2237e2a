import { countryName } from "@/lib/api/usage-locations";

/** "United States (US)", or the bare code when it names no country. */
export function countryLabel(code: string | null): string {
  if (!code) return "Not set";
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}
