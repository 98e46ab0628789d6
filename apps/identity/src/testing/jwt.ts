import { createPublicKey, verify, type JsonWebKey } from 'node:crypto'

export type Jwks = { keys: Array<JsonWebKey & { kid?: string }> }

export function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header = '', payload = ''] = jwt.split('.')
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) }
}

/** Verifies an RS256 JWT against a published JWK Set, as a relying party or an API would; returns its claims. */
export function verifyWithJwks(jwt: string, jwks: Jwks): Record<string, unknown> {
  const { header, payload } = decodeJwt(jwt)
  if (header.alg !== 'RS256') throw new Error(`unexpected alg ${String(header.alg)}`)
  const key = jwks.keys.find((candidate) => candidate.kid === header.kid)
  if (!key) throw new Error(`kid ${String(header.kid)} is not in the JWKS`)
  const [encodedHeader, encodedPayload, signature = ''] = jwt.split('.')
  const valid = verify('sha256', Buffer.from(`${encodedHeader}.${encodedPayload}`), createPublicKey({ key, format: 'jwk' }), Buffer.from(signature, 'base64url'))
  if (!valid) throw new Error('signature does not verify')
  return payload
}
