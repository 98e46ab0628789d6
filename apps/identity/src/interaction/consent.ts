import type { Kysely } from 'kysely'
import type Provider from 'oidc-provider'
import type { Clock } from '../../../../packages/kit/src/clock.ts'
import type { IdentitySchema } from '../database/schema.ts'
import { recordEventWithWrites } from '../oidc/adapter.ts'

export type ConsentRequest = {
  accountId: string
  clientId: string
  /** The grant this person already gave this client, if any. */
  grantId?: string | undefined
  oidcScopes: string[]
  resourceScopes: Record<string, string[]>
}

/**
 * Every client is a first-party DfE service, so consent is implicit: the person is never asked, and the scopes the
 * client requested (oidc-provider has already limited them to the client's allowed scopes) are granted. A grant that
 * gains scopes is saved and recorded as an event, so what each service was given, and when, is on record.
 */
export async function grantImplicitConsent(
  provider: Provider,
  request: ConsentRequest,
  options: { db: Kysely<IdentitySchema>; clock: Clock },
): Promise<InstanceType<Provider['Grant']>> {
  const stored = request.grantId ? await provider.Grant.find(request.grantId) : undefined
  const existing = stored && stored.accountId === request.accountId && stored.clientId === request.clientId ? stored : undefined
  const grant = existing ?? new provider.Grant({ accountId: request.accountId, clientId: request.clientId })

  const hadOidc = new Set(grant.getOIDCScope().split(' ').filter(Boolean))
  const newOidc = request.oidcScopes.filter((scope) => !hadOidc.has(scope))
  if (newOidc.length > 0) grant.addOIDCScope(newOidc)
  const newResource: Record<string, string[]> = {}
  for (const [indicator, scopes] of Object.entries(request.resourceScopes)) {
    const had = new Set(grant.getResourceScope(indicator).split(' ').filter(Boolean))
    const added = scopes.filter((scope) => !had.has(scope))
    if (added.length > 0) {
      grant.addResourceScope(indicator, added)
      newResource[indicator] = added
    }
  }

  if (existing && newOidc.length === 0 && Object.keys(newResource).length === 0) return grant
  await grant.save()
  await recordEventWithWrites(options.db, {
    type: 'consent_granted',
    actor: `user:${request.accountId}`,
    userSub: request.accountId,
    clientId: request.clientId,
    occurredAt: options.clock.now(),
    details: { grantId: grant.jti, scopes: newOidc, resourceScopes: newResource, implicit: true },
  })
  return grant
}
