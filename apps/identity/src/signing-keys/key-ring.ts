import type { Kysely } from 'kysely'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { IdentitySchema } from '../database/schema.ts'
import type { PrivateJwk } from './keys.ts'
import { keySetAt, type KeySet, type ScheduledKey } from './schedule.ts'
import { maintainSigningKeys, type RotationSettings } from './store.ts'

export type KeyRing = {
  /** The keys to use now. Re-reads the database at most once per refresh interval. */
  current(): Promise<KeySet>
}

/** Keys from IDENTITY_SIGNING_KEYS: fixed for the life of the process; the first one signs. */
export function configuredKeyRing(keys: PrivateJwk[]): KeyRing {
  const [first] = keys
  if (!first) throw new Error('at least one signing key is needed')
  const keySet: KeySet = { signingKid: first.kid, keys }
  return { current: async () => keySet }
}

/**
 * Keys kept in the database: generated on first start, rotated on schedule. Every instance re-reads them each
 * `refreshIntervalMs`, which is far shorter than the time a new key is published before it signs, so every instance
 * publishes a key before any instance signs with it.
 */
export function storedKeyRing(options: { db: Kysely<IdentitySchema>; clock: Clock; rotation: RotationSettings; refreshIntervalMs: number }): KeyRing {
  let loaded: { keys: ScheduledKey[]; at: number } | undefined
  let loading: Promise<ScheduledKey[]> | undefined

  async function scheduledKeys(): Promise<ScheduledKey[]> {
    const now = options.clock.now().getTime()
    if (loaded && now - loaded.at < options.refreshIntervalMs && now >= loaded.at) return loaded.keys
    loading ??= maintainSigningKeys(options.db, options.clock, options.rotation)
      .then((keys) => {
        loaded = { keys, at: options.clock.now().getTime() }
        return keys
      })
      // A database blip must not take signing down: keep the keys we have and try again on the next request.
      .catch((error: unknown) => {
        if (loaded) return loaded.keys
        throw error
      })
      .finally(() => {
        loading = undefined
      })
    return loading
  }

  return {
    async current() {
      const keySet = keySetAt(await scheduledKeys(), options.clock.now())
      if (!keySet) throw new Error('no signing key is stored')
      return keySet
    },
  }
}
