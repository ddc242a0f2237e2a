import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Changing these makes every stored secret unreadable (a job then waits for a new sign-in, a webhook for its URL).
const SALT = "licensedesk";

/** What a key seals: each use derives its own key from the one secret. */
export type SealedKind = "job-credentials v1" | "webhook-urls v1";

/** A 256-bit key derived from the API app's client secret: no separate key to manage. */
export const credentialKey = (
  clientSecret: string,
  kind: SealedKind = "job-credentials v1",
): Buffer => Buffer.from(hkdfSync("sha256", clientSecret, SALT, kind, 32));

/** base64(iv | tag | ciphertext); the job id is authenticated too, so a row cannot be moved to another job. */
export function encryptCredential(key: Buffer, jobId: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(jobId));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

/** The plaintext, or undefined when the key changed (a new client secret) or the row was tampered with. */
export function decryptCredential(key: Buffer, jobId: string, sealed: string): string | undefined {
  const bytes = Buffer.from(sealed, "base64");
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(jobId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return undefined;
  }
}
