import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import type Provider from 'oidc-provider'
import type { KeyRing } from '../signing-keys/key-ring.ts'
import type { PrivateJwk } from '../signing-keys/keys.ts'
import { fingerprint } from '../signing-keys/schedule.ts'

export type ProviderHolder = {
  /** The provider for the keys in force now. */
  current(): Promise<Provider>
  /** Express middleware handing the request to the current provider. */
  handle: RequestHandler
}

type Built = { provider: Provider; callback: (req: IncomingMessage, res: ServerResponse) => Promise<void>; fingerprint: string }

/**
 * oidc-provider takes its keys once, at construction. When the key ring changes (a new key is published, starts signing
 * or is retired), the next request builds a new provider; requests in flight finish on the old one.
 */
export function createProviderHolder(keyRing: KeyRing, build: (keys: PrivateJwk[]) => Provider): ProviderHolder {
  let built: Built | undefined

  async function currentBuilt(): Promise<Built> {
    const keySet = await keyRing.current()
    const wanted = fingerprint(keySet)
    if (built?.fingerprint !== wanted) {
      const provider = build(keySet.keys)
      built = { provider, callback: provider.callback() as Built['callback'], fingerprint: wanted }
    }
    return built
  }

  return {
    current: async () => (await currentBuilt()).provider,
    handle: (req, res, next) => {
      currentBuilt().then(({ callback }) => callback(req, res), next)
    },
  }
}
