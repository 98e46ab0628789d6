import { createHash, createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto'

/** A private JSON Web Key as oidc-provider takes it in `jwks`. */
export type PrivateJwk = JsonWebKey & { kid: string; kty: string; alg?: string; use?: string }

const SUPPORTED_KEY_TYPES = new Set(['RSA', 'EC', 'OKP'])

/** An RSA key for RS256: what every client can verify, and what the service we replace signed with. */
export function generateSigningKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = privateKey.export({ format: 'jwk' })
  return { ...jwk, kty: 'RSA', kid: thumbprint(jwk), alg: 'RS256', use: 'sig' }
}

/** RFC 7638 thumbprint of an RSA key: a key id derived from the key, so the same key always has the same id. */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url')
}

/**
 * Reads IDENTITY_SIGNING_KEYS: a JWK Set of private keys, each with its own `kid`. The first key signs; every key is
 * published, so operators rotate by adding the new key last, deploying, then moving it first (see the README).
 */
export function parseConfiguredSigningKeys(text: string): PrivateJwk[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error('must be a JSON Web Key Set: {"keys":[...]}')
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys
  if (!Array.isArray(keys) || keys.length === 0) throw new Error('must be a JSON Web Key Set with at least one key: {"keys":[...]}')
  const kids = new Set<string>()
  keys.forEach((key: unknown, index) => {
    const jwk = key as Partial<PrivateJwk> | null
    if (typeof jwk !== 'object' || jwk === null) throw new Error(`key ${index + 1} is not an object`)
    if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) throw new Error(`key ${index + 1} needs a "kid"`)
    if (kids.has(jwk.kid)) throw new Error(`kid "${jwk.kid}" is used twice`)
    kids.add(jwk.kid)
    if (!SUPPORTED_KEY_TYPES.has(String(jwk.kty))) throw new Error(`key "${jwk.kid}" must be an RSA, EC or OKP key`)
    if (typeof jwk.d !== 'string') throw new Error(`key "${jwk.kid}" must be a private key (it has no "d")`)
    try {
      createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' })
    } catch {
      throw new Error(`key "${jwk.kid}" is not a valid private key`)
    }
  })
  if (!keys.some((key: { kty?: unknown }) => key.kty === 'RSA')) {
    throw new Error('must include an RSA key: clients verify ID tokens with RS256 unless registered otherwise')
  }
  return keys as PrivateJwk[]
}

/** Only the public half, for checks and logs; never log a private JWK. */
export function publicPart(jwk: PrivateJwk): JsonWebKey & { kid: string } {
  const { kty, kid, alg, use, n, e, crv, x, y } = jwk
  return Object.fromEntries(Object.entries({ kty, kid, alg, use, n, e, crv, x, y }).filter(([, value]) => value !== undefined)) as JsonWebKey & { kid: string }
}
