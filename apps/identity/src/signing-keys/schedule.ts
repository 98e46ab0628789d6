import type { PrivateJwk } from './keys.ts'

export type ScheduledKey = { jwk: PrivateJwk; activatesAt: Date }

/** The keys a provider works with at one moment: `keys[0]` signs, and every key is published in the JWKS. */
export type KeySet = { signingKid: string; keys: PrivateJwk[] }

/**
 * A retired key stays published this long after its successor starts signing. Tokens it signed expire within an hour,
 * but relying parties keep ID tokens for their whole session and send them back as `id_token_hint` when the person
 * signs out, so a week keeps sign-out working for anyone signed in when the key changed.
 */
export const RETIRED_KEY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Which stored key signs at `now` and which are published: the newest key already active signs; keys not yet active
 * are published ahead, so relying parties that cache the JWKS know them before they sign anything; keys replaced less
 * than RETIRED_KEY_RETENTION_MS ago stay published so tokens they signed still verify. Pure, so it is tested on its own.
 */
export function keySetAt(scheduled: ScheduledKey[], now: Date): KeySet | undefined {
  if (scheduled.length === 0) return undefined
  const inOrder = [...scheduled].sort((a, b) => a.activatesAt.getTime() - b.activatesAt.getTime())
  const activeIndex = inOrder.findLastIndex((key) => key.activatesAt.getTime() <= now.getTime())
  // Only upcoming keys (a clock set back): sign with the earliest rather than with nothing.
  const signingIndex = Math.max(activeIndex, 0)
  const signing = inOrder[signingIndex] as ScheduledKey
  const upcoming = inOrder.slice(signingIndex + 1)
  const retired = inOrder
    .slice(0, signingIndex)
    .filter((_key, index) => (inOrder[index + 1] as ScheduledKey).activatesAt.getTime() + RETIRED_KEY_RETENTION_MS > now.getTime())
    .reverse()
  return { signingKid: signing.jwk.kid, keys: [signing, ...upcoming, ...retired].map((key) => key.jwk) }
}

/** Stored keys nobody can need any more: replaced longer ago than the retention period. */
export function expiredKeys(scheduled: ScheduledKey[], now: Date): string[] {
  const inOrder = [...scheduled].sort((a, b) => a.activatesAt.getTime() - b.activatesAt.getTime())
  return inOrder
    .filter((_key, index) => {
      const successor = inOrder[index + 1]
      return successor !== undefined && successor.activatesAt.getTime() <= now.getTime() && successor.activatesAt.getTime() + RETIRED_KEY_RETENTION_MS <= now.getTime()
    })
    .map((key) => key.jwk.kid)
}

/** Identifies a key set, so a provider is rebuilt only when the keys it should use change. */
export function fingerprint(keySet: KeySet): string {
  return keySet.keys.map((key) => key.kid).join(' ')
}
