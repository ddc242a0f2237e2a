/** What a token or secret looks like in text: a signed JWT, or whatever follows `Bearer`. */
const SHAPES = [
  { kind: "JWT", pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
  { kind: "bearer token", pattern: /Bearer\s+[A-Za-z0-9._~+/-]{16,}=*/gi },
];

export interface SecretFinding {
  where: string;
  kind: string;
  /** The start of what was found, so a failure does not print the secret it reports. */
  excerpt: string;
}

const masked = (text: string) => `${text.slice(0, 10)}… (${text.length} chars)`;

/**
 * Every token-shaped string in `text`, and every one of `secrets` (named values) found in it.
 * `where` names the file or log in the findings.
 */
export function findSecrets(
  where: string,
  text: string,
  secrets: Record<string, string> = {},
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const { kind, pattern } of SHAPES) {
    for (const match of text.matchAll(pattern)) {
      findings.push({ where, kind, excerpt: masked(match[0]) });
    }
  }
  for (const [name, value] of Object.entries(secrets)) {
    if (value && text.includes(value)) findings.push({ where, kind: name, excerpt: masked(value) });
  }
  return findings;
}
