/** A tenant description that is well-formed but inconsistent (unknown sku, group, role...). */
export class SeedError extends Error {
  override readonly name = "SeedError";
}
