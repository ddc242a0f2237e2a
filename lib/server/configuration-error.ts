import "server-only";

/** The server cannot run as configured; pages show it as a setup problem instead of crashing. */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";

  constructor(
    message: string,
    /** What the operator should do about it, in one sentence. */
    readonly hint: string,
  ) {
    super(message);
  }
}
