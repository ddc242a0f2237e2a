/** Pending reprocess evaluations (owned by the licensing engine). */
export class LicensingRuntime {
  reset(): void {}
}
