import { randomUUID } from "node:crypto";
import {
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from "jose";

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID().replaceAll("-", "").slice(0, 27);
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" };
  return { kid, privateKey, publicKey, publicJwk };
}

export type KeyChoice = "tenant" | "foreign";

export interface SignOptions {
  key?: KeyChoice;
  alg?: "RS256" | "none";
  /** Overrides the header's kid, e.g. to send a kid the JWKS does not list. */
  kid?: string;
  typ?: string;
}

/**
 * The tenant's token-signing key (published in JWKS) and a foreign key that is never published,
 * so tests can mint tokens that a verifier must reject.
 */
export class KeyStore {
  private constructor(
    private tenantKey: SigningKey,
    private readonly foreignKey: SigningKey,
  ) {}

  static async create(): Promise<KeyStore> {
    return new KeyStore(await newSigningKey(), await newSigningKey());
  }

  get kid(): string {
    return this.tenantKey.kid;
  }

  /** Replaces the tenant key: the old one leaves the JWKS, and tokens it signed stop verifying. */
  async rotate(): Promise<{ kid: string; retiredKid: string }> {
    const retiredKid = this.tenantKey.kid;
    this.tenantKey = await newSigningKey();
    return { kid: this.tenantKey.kid, retiredKid };
  }

  /** JWKS as Entra publishes it, each key carrying its issuer. */
  jwks(issuer: string): { keys: (JWK & { issuer: string; x5t: string })[] } {
    return { keys: [{ ...this.tenantKey.publicJwk, issuer, x5t: this.tenantKey.kid }] };
  }

  async sign(payload: JWTPayload, options: SignOptions = {}): Promise<string> {
    const alg = options.alg ?? "RS256";
    const typ = options.typ ?? "JWT";
    if (alg === "none") {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      return `${encode({ typ, alg: "none" })}.${encode(payload)}.`;
    }
    const key = options.key === "foreign" ? this.foreignKey : this.tenantKey;
    return new SignJWT(payload)
      .setProtectedHeader({ typ, alg, kid: options.kid ?? key.kid })
      .sign(key.privateKey);
  }

  /** Verifies a token the tenant key signed (RS256 only, kid must match); requires exp, checks nbf. */
  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        if (header.kid !== this.tenantKey.kid)
          throw new Error(`unknown signing key '${header.kid}'`);
        return this.tenantKey.publicKey;
      },
      { algorithms: ["RS256"], requiredClaims: ["exp"] },
    );
    return payload;
  }
}
