import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export type RandomBytes = (size: number) => Buffer

/** 256 random bits. */
export function generateClientSecret(random: RandomBytes = randomBytes): string {
  return random(32).toString('base64url')
}

/**
 * Secrets are 256 random bits, so a plain SHA-256 makes a stolen table useless without a slow hash. Storing a hash means
 * oidc-provider cannot use the secret as a key, so symmetric features (client_secret_jwt, HS256 tokens) are switched off.
 */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

export function clientSecretMatches(presented: unknown, storedHash: unknown): boolean {
  if (typeof presented !== 'string' || typeof storedHash !== 'string' || presented.length === 0 || presented.length > 200) return false
  const expected = Buffer.from(storedHash, 'hex')
  const actual = createHash('sha256').update(presented, 'utf8').digest()
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
